package dev.ollamastack.app.backup;

import dev.ollamastack.plan.Plan;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What {@code rollback} will do, shown (and confirmed) before anything changes.
 *
 * @param updatedAt when the update being undone ran
 * @param backup the pre-update backup, verified
 * @param image Open WebUI's image reference; {@code from} the digest it runs now, {@code to} the
 *     one it goes back to
 * @param volume Open WebUI's volume, restored from the backup
 * @param stop our containers stopped for the switch
 * @param lockFile where the previous lock is written
 * @param apply what the apply with the previous lock does (webui recreated on its old digest, and
 *     any other service the update moved)
 */
public record RollbackPlan(
    String installation,
    Instant updatedAt,
    String backup,
    long entries,
    long bytes,
    String image,
    String from,
    String to,
    String volume,
    List<String> stop,
    Path lockFile,
    Plan apply,
    List<String> warnings) {

  public RollbackPlan {
    stop = List.copyOf(stop);
    warnings = List.copyOf(warnings);
  }
}
