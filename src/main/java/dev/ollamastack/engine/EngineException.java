package dev.ollamastack.engine;

/** The daemon refused or failed an operation (conflict, not found, bad request). */
public class EngineException extends RuntimeException {
  private final int status;

  public EngineException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public EngineException(String message) {
    this(message, 0, null);
  }

  /** HTTP status from the daemon, 0 when unknown. */
  public int status() {
    return status;
  }

  public boolean isConflict() {
    return status == 409;
  }

  public boolean isNotFound() {
    return status == 404;
  }
}
