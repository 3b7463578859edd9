package dev.ollamastack.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlVersionException;

/**
 * SnakeYAML's exceptions as one located problem each, with advice. The scanner's wording for the
 * usual mistakes becomes the words people use; an exception SnakeYAML throws without a mark is
 * placed where the reader stopped, or else at the top of the file, so every YAML error has a line
 * and column.
 */
final class SyntaxProblems {
  static final String SYNTAX_HINT =
      "fix the YAML syntax at that line; indent with spaces and close every quote and bracket";
  static final String ALIAS_HINT =
      "an alias (*name) repeats a value marked &name earlier in the file and outside it;"
          + " or write the value out";
  static final String BOMB_HINT =
      "a stack file needs few aliases: write the values out (is this the file you meant?)";
  static final String DEPTH_HINT =
      "a stack file is only a few levels deep: is this the file you meant?";

  private SyntaxProblems() {}

  /**
   * @param readerAt where the reader stopped: the place of an exception without a mark
   */
  static InvalidStackException of(
      YamlEngineException e, String text, String file, Optional<Mark> readerAt) {
    return switch (e) {
      case MarkedYamlEngineException marked -> MarkedProblems.of(marked, text, file);
      case ReaderException bad ->
          InvalidStackException.of(
              character(text, file, bad),
              "delete it (pasted terminal output often carries such characters),"
                  + " or write it as an escape like \"\\u001b\" inside double quotes");
      case YamlVersionException version ->
          InvalidStackException.of(
              directive(text, file, version, readerAt),
              "delete the %YAML line: stack files are YAML 1.2");
      default ->
          InvalidStackException.of(
              at(file, readerAt, "invalid YAML: " + reword(e.getMessage())), SYNTAX_HINT);
    };
  }

  /** A problem at {@code mark}, or at line 1 column 1 when there is none. */
  static Problem at(String file, Optional<Mark> mark, String message) {
    int line = mark.map(m -> m.getLine() + 1).orElse(1);
    int column = mark.map(m -> m.getColumn() + 1).orElse(1);
    return new Problem(file, line, column, "", message);
  }

  /** The reader names the bad character by its index in code points from the start. */
  private static Problem character(String text, String file, ReaderException e) {
    int line = 1;
    int column = 1;
    int index = 0;
    for (int i = 0; i < text.length() && index < e.getPosition(); index++) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    int cp = e.getCodePoint();
    String what = Character.isISOControl(cp) ? "control character" : "character";
    return new Problem(
        file,
        line,
        column,
        "",
        String.format("invalid YAML: %s U+%04X is not allowed in YAML text", what, cp));
  }

  /** Thrown while the directive is read, before any event carries its mark. */
  private static Problem directive(
      String text, String file, YamlVersionException e, Optional<Mark> readerAt) {
    String message =
        "invalid YAML: version "
            + e.getSpecVersion().getRepresentation()
            + " is not supported (stack files are YAML 1.2)";
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("%YAML")) {
        return new Problem(file, i + 1, 1, "", message);
      }
    }
    return at(file, readerAt, message);
  }

  private static String reword(String message) {
    if (message.startsWith("A simple key is required only if it is the first token")) {
      return "a key must start its own line (check the quotes on this line and the one above)";
    }
    return message;
  }
}
