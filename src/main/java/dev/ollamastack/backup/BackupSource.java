package dev.ollamastack.backup;

import java.io.IOException;

/**
 * Where a backup's bytes come from: a backup directory with the shared blob store beside it, a
 * single {@code .tar.gz} made by {@code backup --archive}, or a backup of the older Python CLI.
 * Each pass reads everything once, in order, and fails (exit 3) on the first byte that does not
 * match the manifest.
 */
public interface BackupSource {
  /** What the backup says it holds. */
  Manifest manifest();

  /** Whether files carry checksums (the older CLI's backups do not). */
  boolean checksummed();

  /** Where the backup is, for messages. */
  String describe();

  /** One pass over the contents. */
  void visit(BackupVisitor visitor) throws IOException;
}
