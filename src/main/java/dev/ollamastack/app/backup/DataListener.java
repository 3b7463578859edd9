package dev.ollamastack.app.backup;

/**
 * What a backup, restore or migration tells the one running it, as it goes: the CLI prints it (bars
 * with bytes, rate and ETA on a terminal), a controller logs it. Called from one thread at a time.
 */
public interface DataListener {
  /** The backup's plan, before it runs. */
  default void planned(BackupPlan plan) {}

  /** The restore's plan, before confirmation. */
  default void planned(RestorePlan plan) {}

  /** The migration's plan, before confirmation. */
  default void planned(MigratePlan plan) {}

  /** A step begins ({@code stopping webui}, {@code reading volume x_webui_data}). */
  default void step(String what) {}

  /**
   * Bytes of {@code task} done so far.
   *
   * @param total the expected total, 0 when unknown
   */
  default void progress(String task, long done, long total) {}

  /** {@code task}'s bytes are all done. */
  default void finished(String task) {}

  /** Something the user must know; the operation goes on. */
  default void warning(String message) {}

  DataListener NONE = new DataListener() {};
}
