package dev.ollamastack.app;

import java.nio.file.Path;

/**
 * Where {@code spec.backup.directory} points: relative paths start at the stack file's folder (the
 * working directory for the embedded default), {@code ~/} at the user's home.
 */
final class BackupLocation {
  private BackupLocation() {}

  static Path of(PlannedStack planned, Path cwd) {
    String dir = planned.spec().backup().directory();
    if (dir.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"), dir.substring(2)).normalize();
    }
    Path base =
        planned.loaded().path() == null
            ? cwd
            : planned.loaded().path().toAbsolutePath().getParent();
    return base.resolve(dir).toAbsolutePath().normalize();
  }
}
