package dev.ollamastack.model;

/** Backup policy: where backups go, whether volumes are included, how many are kept. */
public record BackupSpec(String directory, boolean includeVolumes, int keep) {
  public static BackupSpec defaults() {
    return new BackupSpec("./backups", true, 7);
  }
}
