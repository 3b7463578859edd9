package dev.ollamastack.app.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a backup did.
 *
 * @param path the verified backup (directory or {@code .tar.gz})
 * @param bytesWritten bytes written to disk: archives, files and new blobs
 * @param blobsReused model blobs already in the store, not written again
 * @param webuiDowntime how long Open WebUI was stopped, or {@code null} when it was not running
 * @param resumeProblem why Open WebUI did not come back, or {@code null}
 * @param pruned older backups removed by retention
 * @param blobBytesFreed bytes of blobs no backup references any more, deleted; {@code -1} when the
 *     store was left alone (a manifest could not be read)
 */
public record BackupOutcome(
    Path path,
    long volumeBytes,
    long bytesWritten,
    long blobsWritten,
    long blobBytesWritten,
    long blobsReused,
    long blobBytesReused,
    Duration elapsed,
    Duration webuiDowntime,
    String resumeProblem,
    List<Path> pruned,
    long blobBytesFreed,
    List<String> warnings) {

  public BackupOutcome {
    pruned = List.copyOf(pruned);
    warnings = List.copyOf(warnings);
  }
}
