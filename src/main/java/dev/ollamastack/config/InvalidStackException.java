package dev.ollamastack.config;

import dev.ollamastack.model.ExitCode;
import dev.ollamastack.model.ToolException;
import java.util.List;

/**
 * The stack file cannot be used. Carries every problem found (never only the first), so the user
 * fixes them in one go; the message is the first one, for callers that show a single line.
 */
public class InvalidStackException extends ToolException {
  /** The default advice when the file itself is wrong. */
  public static final String FIX_HINT =
      "fix the lines above and run 'ollama-stack validate'; editors that read"
          + " schemas/ollama-stack.schema.json show these errors as you type";

  private final transient List<Problem> problems;
  private final transient List<Problem> warnings;

  public InvalidStackException(List<Problem> problems, List<Problem> warnings, String hint) {
    super(ExitCode.INVALID_INPUT, firstMessage(problems), hint);
    this.problems = List.copyOf(problems);
    this.warnings = List.copyOf(warnings);
  }

  public InvalidStackException(List<Problem> problems) {
    this(problems, List.of(), FIX_HINT);
  }

  /** A single problem with its own advice. */
  public static InvalidStackException of(Problem problem, String hint) {
    return new InvalidStackException(List.of(problem), List.of(), hint);
  }

  /** Every error, in file order. */
  public List<Problem> problems() {
    return problems;
  }

  /** Warnings found before the errors stopped loading (may be empty). */
  public List<Problem> warnings() {
    return warnings;
  }

  private static String firstMessage(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid stack has at least one problem");
    }
    return problems.get(0).format();
  }
}
