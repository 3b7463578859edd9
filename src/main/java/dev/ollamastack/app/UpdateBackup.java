package dev.ollamastack.app;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.lock.StackLock;
import java.util.Optional;

/**
 * What {@code update} does for {@code rollback} when Open WebUI's image changes: a backup of its
 * volume before the new image migrates the database one way, recorded with the lock as it was. A
 * port, so that {@code app} knows nothing of how backups are made ({@code app.backup} implements
 * it).
 */
public interface UpdateBackup {
  /**
   * Open WebUI's image moves.
   *
   * @param reference the image reference as the stack file names it
   * @param from the digest it runs or is pinned to now
   * @param to the digest the update moves it to
   */
  record WebuiChange(String reference, String from, String to) {}

  /**
   * The plan's line for the backup when the update takes one ({@code spec.backup} is set and the
   * volume exists), else empty.
   */
  Optional<String> planned(PlannedStack planned, WebuiChange change);

  /**
   * After consent, before the new lock is written or any container changes: takes the backup and
   * records the update ({@code change} non-null), or drops the record of an earlier update ({@code
   * change} null: this update takes no backup, and rollback undoes only the last one). A failure
   * throws, and nothing of the update has happened yet.
   *
   * @param previous the pins as they were before this update
   */
  void beforeUpdate(
      PlannedStack planned,
      DockerEngine engine,
      StackLock previous,
      WebuiChange change,
      ApplyListener listener);

  /** Takes no backup and keeps no record. */
  UpdateBackup NONE =
      new UpdateBackup() {
        @Override
        public Optional<String> planned(PlannedStack planned, WebuiChange change) {
          return Optional.empty();
        }

        @Override
        public void beforeUpdate(
            PlannedStack planned,
            DockerEngine engine,
            StackLock previous,
            WebuiChange change,
            ApplyListener listener) {}
      };
}
