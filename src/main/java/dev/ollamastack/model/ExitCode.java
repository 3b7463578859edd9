package dev.ollamastack.model;

/** The exit codes of DESIGN.md §4, the same for every command. */
public enum ExitCode {
  /** Success; for {@code plan}/{@code diff --detailed-exitcode}: no changes. */
  OK(0),
  /** An operation failed (apply, health timeout, backup, restore). */
  FAILED(1),
  /** {@code plan}/{@code diff --detailed-exitcode}: changes pending (Terraform's convention). */
  CHANGES(2),
  /** Invalid input: bad flags, an invalid stack file, a bad backup. */
  INVALID_INPUT(3),
  /** The Docker engine is unreachable or the environment unusable. */
  ENVIRONMENT(4),
  /** Refused for safety: lock held, stale saved plan, confirmation needed but not given. */
  REFUSED(5);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }
}
