package dev.ollamastack.backup;

import dev.ollamastack.model.ToolException;

/** The errors a bad backup gives: exit 3, where and what, and what to do. */
public final class BackupProblems {
  private BackupProblems() {}

  /** The backup is unusable: corrupt, truncated, tampered, incomplete or hostile. */
  public static ToolException bad(String where, String what) {
    return ToolException.invalidInput(
        "backup " + where + ": " + what,
        "nothing was changed; use another backup (ollama-stack restore --validate-only PATH checks"
            + " one without touching anything)");
  }
}
