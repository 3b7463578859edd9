package dev.ollamastack.model;

/**
 * Backup policy: where backups go, whether volumes are included, how many are kept.
 *
 * @param configured whether the stack file has a {@code spec.backup} section: only then does {@code
 *     update} back up Open WebUI's volume before a new image migrates its database
 */
public record BackupSpec(String directory, boolean includeVolumes, int keep, boolean configured) {
  public BackupSpec(String directory, boolean includeVolumes, int keep) {
    this(directory, includeVolumes, keep, true);
  }

  /**
   * The policy alone: {@code configured} says where it came from, so a stack rendered with every
   * default filled in ({@code config view}) loads back equal.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof BackupSpec b
        && directory.equals(b.directory)
        && includeVolumes == b.includeVolumes
        && keep == b.keep;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(directory, includeVolumes, keep);
  }

  public static BackupSpec defaults() {
    return new BackupSpec("./backups", true, 7, false);
  }
}
