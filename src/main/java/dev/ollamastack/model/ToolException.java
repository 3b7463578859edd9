package dev.ollamastack.model;

/**
 * A failure the user must see as one line plus a hint, with the exit code of DESIGN.md §4.
 * Subclasses name the code; nothing else decides exit codes.
 */
public class ToolException extends RuntimeException {
  /** Exit codes of DESIGN.md §4. */
  public static final int FAILED = 1;

  public static final int CHANGES = 2;
  public static final int INVALID_INPUT = 3;
  public static final int ENVIRONMENT = 4;
  public static final int REFUSED = 5;

  private final int exitCode;
  private final String hint;

  public ToolException(int exitCode, String message, String hint, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.hint = hint;
  }

  public ToolException(int exitCode, String message, String hint) {
    this(exitCode, message, hint, null);
  }

  public static ToolException invalidInput(String message, String hint) {
    return new ToolException(INVALID_INPUT, message, hint);
  }

  public static ToolException refused(String message, String hint) {
    return new ToolException(REFUSED, message, hint);
  }

  public static ToolException failed(String message, String hint) {
    return new ToolException(FAILED, message, hint);
  }

  public static ToolException environment(String message, String hint) {
    return new ToolException(ENVIRONMENT, message, hint);
  }

  public int exitCode() {
    return exitCode;
  }

  /** What to do about it, or {@code null}. */
  public String hint() {
    return hint;
  }
}
