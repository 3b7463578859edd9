package dev.ollamastack.app.backup;

import dev.ollamastack.backup.Manifest;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code restore} will do, shown (and confirmed) before anything changes.
 *
 * @param source where the backup is
 * @param manifest what it says about itself
 * @param checksummed whether its files carried checksums (the older CLI's do not)
 * @param installation the installation restored onto ({@code --as}, else the backup's)
 * @param volumes each volume: from the backup's name to the target's, and whether it exists now
 * @param stop our containers stopped for the switch (their volumes are replaced)
 * @param stackFile where the stack file goes; {@code replaces} when one with other content is there
 *     (kept as {@code savedAs})
 * @param secrets whether the secrets file is restored, and whether it changes Open WebUI's key
 * @param pulls images pulled first because no local one can mount the volumes
 * @param models models pulled again after the apply ({@code --models list} backups)
 */
public record RestorePlan(
    String source,
    Manifest manifest,
    boolean checksummed,
    long entries,
    long bytes,
    String installation,
    List<VolumeStep> volumes,
    List<String> stop,
    Path stackFile,
    boolean replacesStackFile,
    Path savedAs,
    boolean secrets,
    boolean secretKeyChanges,
    List<String> pulls,
    List<String> models,
    List<String> warnings) {

  public RestorePlan {
    volumes = List.copyOf(volumes);
    stop = List.copyOf(stop);
    pulls = List.copyOf(pulls);
    models = List.copyOf(models);
    warnings = List.copyOf(warnings);
  }

  /** One volume to restore. */
  public record VolumeStep(String from, String to, boolean exists, long bytes) {}
}
