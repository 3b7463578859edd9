package dev.ollamastack.app.backup;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code migrate} will do to adopt an installation of the older Python CLI, shown (and
 * confirmed) first.
 *
 * @param configDir the older CLI's configuration directory, or {@code null} when it has none
 * @param containers the older containers, stopped before anything of ours mounts their volumes,
 *     then removed (its {@code ollama-stack start} would make them again)
 * @param volumes the volumes adopted with their data
 * @param stackFileText the equivalent {@code ollama-stack.yaml}
 * @param keepsSecretKey whether Open WebUI's key is carried over (users stay signed in)
 */
public record MigratePlan(
    String installation,
    Path configDir,
    List<String> containers,
    List<String> volumes,
    Path stackFile,
    String stackFileText,
    boolean writesStackFile,
    Path savedAs,
    boolean keepsSecretKey,
    List<String> warnings) {

  public MigratePlan {
    containers = List.copyOf(containers);
    volumes = List.copyOf(volumes);
    warnings = List.copyOf(warnings);
  }
}
