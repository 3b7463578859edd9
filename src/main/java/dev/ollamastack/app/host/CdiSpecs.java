package dev.ollamastack.app.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What counts as a CDI spec for NVIDIA GPUs, one rule for both platform detection and {@code
 * check}: a {@code .yaml}, {@code .yml} or {@code .json} file in {@code /etc/cdi} or {@code
 * /var/run/cdi} (the directories Docker's CDI support reads) whose name contains {@code nvidia} or
 * whose content names an {@code nvidia.com/} device kind. {@code nvidia-ctk cdi generate} writes
 * {@code nvidia.yaml}; the content test finds specs renamed or written by other tools.
 */
public final class CdiSpecs {
  public static final List<Path> DIRS = List.of(Path.of("/etc/cdi"), Path.of("/var/run/cdi"));
  private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");

  private CdiSpecs() {}

  /** The first NVIDIA CDI spec on the host, directories in order and names sorted. */
  public static Optional<Path> nvidia(HostProbe host) {
    for (Path dir : DIRS) {
      for (String name : host.list(dir)) {
        if (EXTENSIONS.stream().noneMatch(name::endsWith)) {
          continue;
        }
        Path file = dir.resolve(name);
        if (name.toLowerCase(Locale.ROOT).contains("nvidia")
            || host.read(file).filter(s -> s.contains("nvidia.com/")).isPresent()) {
          return Optional.of(file);
        }
      }
    }
    return Optional.empty();
  }
}
