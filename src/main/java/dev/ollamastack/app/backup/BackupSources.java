package dev.ollamastack.app.backup;

import dev.ollamastack.backup.ArchiveSource;
import dev.ollamastack.backup.BackupProblems;
import dev.ollamastack.backup.BackupSource;
import dev.ollamastack.backup.DirectorySource;
import dev.ollamastack.backup.Manifest;
import dev.ollamastack.backup.OlderBackupSource;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens whatever a user names as a backup: ours (directory or archive) or the older CLI's. */
final class BackupSources {
  private BackupSources() {}

  static BackupSource open(Path path) {
    if (Files.isDirectory(path)) {
      if (Files.isRegularFile(path.resolve(Manifest.FILE))) {
        return DirectorySource.open(path);
      }
      if (OlderBackupSource.looksLikeOne(path)) {
        return OlderBackupSource.open(path);
      }
      throw BackupProblems.bad(
          path.toString(), "has neither manifest.json nor backup_manifest.json: not a backup");
    }
    if (Files.isRegularFile(path)) {
      return ArchiveSource.open(path);
    }
    throw BackupProblems.bad(path.toString(), "does not exist");
  }
}
