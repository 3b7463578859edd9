package dev.ollamastack.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * A scanner, parser or composer error that carries its mark, reworded for the mistakes people make
 * most: tabs, a quote or bracket left open, a second document, an undefined alias.
 */
final class MarkedProblems {
  private MarkedProblems() {}

  static InvalidStackException of(MarkedYamlEngineException e, String text, String file) {
    String problem = String.valueOf(e.getProblem());
    if (problem.startsWith("found undefined alias ")) {
      String name = problem.substring("found undefined alias ".length()).strip();
      return InvalidStackException.of(
          SyntaxProblems.at(
              file,
              e.getProblemMark(),
              "undefined alias *" + name + " (no value is marked &" + name + " before it)"),
          SyntaxProblems.ALIAS_HINT);
    }
    return InvalidStackException.of(syntax(text, file, e), SyntaxProblems.SYNTAX_HINT);
  }

  private static Problem syntax(String text, String file, MarkedYamlEngineException e) {
    Optional<Mark> at = e.getProblemMark().or(e::getContextMark);
    int line = at.map(m -> m.getLine() + 1).orElse(1);
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
    return SyntaxProblems.at(file, at, message.toString());
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
      return SyntaxProblems.at(
          file,
          e.getProblemMark(),
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
    Optional<Mark> start = e.getContextMark();
    if (what == null || start.isEmpty()) {
      return null;
    }
    return SyntaxProblems.at(
        file, start, "unclosed " + what + ": the file ends before it is closed");
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
}
