package dev.ollamastack.config;

import dev.ollamastack.model.Platform;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What platform detection looks at, gathered once so the decision is a pure function tests can
 * drive with any combination.
 *
 * @param nvidiaSmiOnPath whether {@code nvidia-smi} is an executable on {@code PATH}
 * @param amdKfd whether {@code /dev/kfd} (the ROCm kernel driver) exists
 * @param osName {@code os.name}
 * @param osArch {@code os.arch}
 */
public record HostFacts(boolean nvidiaSmiOnPath, boolean amdKfd, String osName, String osArch) {

  public static HostFacts probe(Map<String, String> env) {
    return new HostFacts(
        onPath("nvidia-smi", env.getOrDefault("PATH", "")),
        Files.exists(Path.of("/dev/kfd")),
        System.getProperty("os.name", ""),
        System.getProperty("os.arch", ""));
  }

  /** The platform these facts suggest; when nothing is found, the CPU always works. */
  public Platform platform() {
    String os = osName.toLowerCase(Locale.ROOT);
    boolean arm = osArch.equals("aarch64") || osArch.equals("arm64");
    if (os.contains("mac") && arm) {
      return Platform.APPLE;
    } else if (nvidiaSmiOnPath) {
      return Platform.NVIDIA;
    } else if (amdKfd) {
      return Platform.AMD;
    }
    return Platform.CPU;
  }

  private static boolean onPath(String command, String path) {
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
