package dev.ollamastack.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Text to a YAML node graph (YAML 1.2 core schema, so {@code no} and {@code on} stay strings),
 * keeping marks. Composing stops at nodes: duplicate keys and types are judged later, where every
 * problem can be collected instead of failing on the first.
 */
final class YamlParser {
  static final LoadSettings SETTINGS =
      LoadSettings.builder()
          .setSchema(new CoreSchema())
          .setAllowDuplicateKeys(true) // TreeBuilder reports them with both locations
          .setMaxAliasesForCollections(50)
          .build();

  private YamlParser() {}

  /** The document's root node, or empty when the file holds nothing but comments. */
  static Optional<Node> parse(String text, String file) {
    try {
      return new Compose(SETTINGS).composeString(text);
    } catch (MarkedYamlEngineException e) {
      throw InvalidStackException.of(syntaxProblem(text, file, e), hint());
    } catch (YamlEngineException e) {
      throw InvalidStackException.of(
          Problem.ofFile(file, "invalid YAML: " + e.getMessage()), hint());
    }
  }

  private static Problem syntaxProblem(String text, String file, MarkedYamlEngineException e) {
    Mark at = e.getProblemMark().or(e::getContextMark).orElse(null);
    int line = at == null ? 0 : at.getLine() + 1;
    int[] tab = firstIndentationTab(text, line);
    if (tab != null) {
      return new Problem(
          file,
          tab[0],
          tab[1],
          "",
          "tab character used for indentation; YAML indents with spaces only");
    }
    Problem unclosed = unclosed(file, e);
    if (unclosed != null) {
      return unclosed;
    }
    String reworded = reword(String.valueOf(e.getProblem()));
    StringBuilder message =
        new StringBuilder("invalid YAML: ").append(reworded != null ? reworded : e.getProblem());
    if (reworded == null && e.getContext() != null && !e.getContext().isBlank()) {
      message.append(" (").append(e.getContext());
      e.getContextMark()
          .filter(m -> m.getLine() + 1 != line)
          .ifPresent(m -> message.append(" that started at line ").append(m.getLine() + 1));
      message.append(')');
    }
    return new Problem(file, line, at == null ? 0 : at.getColumn() + 1, "", message.toString());
  }

  /** The scanner's wording for the two mistakes people make most, in words they use. */
  private static String reword(String problem) {
    if (problem.contains("expected <block end>")) {
      return "this line's indentation does not line up with the keys above it";
    } else if (problem.startsWith("mapping values are not allowed here")) {
      return "unexpected ':' (quote a value that contains \": \")";
    }
    return null;
  }

  /**
   * A quote or bracket left open: the scanner complains at the end of the file, but the user needs
   * to see where the quote or bracket was opened.
   */
  private static Problem unclosed(String file, MarkedYamlEngineException e) {
    String problem = String.valueOf(e.getProblem());
    String context = String.valueOf(e.getContext());
    if (problem.contains("another document")) {
      Mark at = e.getProblemMark().orElse(null);
      return new Problem(
          file,
          at == null ? 0 : at.getLine() + 1,
          at == null ? 0 : at.getColumn() + 1,
          "",
          "only one YAML document is allowed (this '---' starts a second one)");
    }
    if (!problem.contains("end of stream") && !problem.contains("<stream end>")) {
      return null;
    }
    String what =
        context.contains("quoted scalar")
            ? "quote"
            : context.contains("flow sequence")
                ? "'['"
                : context.contains("flow mapping") ? "'{'" : null;
    Mark start = e.getContextMark().orElse(null);
    if (what == null || start == null) {
      return null;
    }
    return new Problem(
        file,
        start.getLine() + 1,
        start.getColumn() + 1,
        "",
        "unclosed " + what + ": the file ends before it is closed");
  }

  /**
   * The first tab in leading whitespace on or before {@code lastLine}: the usual cause of a scanner
   * error in a file edited with tabs, and a far clearer message than the scanner's.
   */
  private static int[] firstIndentationTab(String text, int lastLine) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < Math.min(lines.length, Math.max(lastLine, 1)); i++) {
      String l = lines[i];
      for (int c = 0; c < l.length() && (l.charAt(c) == ' ' || l.charAt(c) == '\t'); c++) {
        if (l.charAt(c) == '\t') {
          return new int[] {i + 1, c + 1};
        }
      }
    }
    return null;
  }

  private static String hint() {
    return "fix the YAML syntax at that line; indent with spaces and close every quote and bracket";
  }
}
