package dev.ollamastack.app.backup;

import dev.ollamastack.backup.ModelsMode;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code backup} will do, shown before it does it.
 *
 * @param directory where backups of this installation go ({@code spec.backup.directory} or {@code
 *     --output})
 * @param volumes the volumes to read, with their sizes when Docker reports them
 * @param pauseWebui whether Open WebUI runs and will be stopped for a consistent copy of its SQLite
 *     database, then started again
 * @param prune backups that retention ({@code keep}) removes once the new one is verified
 * @param warnings what the user must know first
 */
public record BackupPlan(
    String installation,
    Path directory,
    List<Volume> volumes,
    boolean pauseWebui,
    ModelsMode models,
    boolean archive,
    int keep,
    List<Path> prune,
    List<String> files,
    List<String> warnings) {

  public BackupPlan {
    volumes = List.copyOf(volumes);
    prune = List.copyOf(prune);
    files = List.copyOf(files);
    warnings = List.copyOf(warnings);
  }

  /**
   * A volume to read.
   *
   * @param bytes its size on disk, or {@code null} when unknown
   */
  public record Volume(String name, String role, Long bytes) {}
}
