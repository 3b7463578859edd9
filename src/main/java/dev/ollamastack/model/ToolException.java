package dev.ollamastack.model;

/**
 * A failure the user must see as one line plus a hint, with the exit code of DESIGN.md §4.
 * Subclasses name the code; nothing else decides exit codes.
 */
public class ToolException extends RuntimeException {
  private final ExitCode exitCode;
  private final String hint;

  public ToolException(ExitCode exitCode, String message, String hint, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.hint = hint;
  }

  public ToolException(ExitCode exitCode, String message, String hint) {
    this(exitCode, message, hint, null);
  }

  public static ToolException invalidInput(String message, String hint) {
    return new ToolException(ExitCode.INVALID_INPUT, message, hint);
  }

  public static ToolException refused(String message, String hint) {
    return new ToolException(ExitCode.REFUSED, message, hint);
  }

  public static ToolException failed(String message, String hint) {
    return new ToolException(ExitCode.FAILED, message, hint);
  }

  public static ToolException environment(String message, String hint) {
    return new ToolException(ExitCode.ENVIRONMENT, message, hint);
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  /** What to do about it, or {@code null}. */
  public String hint() {
    return hint;
  }
}
