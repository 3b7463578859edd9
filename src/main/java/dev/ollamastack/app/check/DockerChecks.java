package dev.ollamastack.app.check;

import dev.ollamastack.app.host.HostProbe;
import dev.ollamastack.engine.EngineInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** Docker's own items: API version, storage driver, free disk where it keeps volumes. */
final class DockerChecks {
  static final long MIN_FREE_BYTES = 20_000_000_000L;

  private DockerChecks() {}

  static List<CheckItem> of(EngineInfo info, HostProbe host) {
    return List.of(api(info), storage(info), disk(info, host));
  }

  static CheckItem api(EngineInfo info) {
    String v = info.apiVersion();
    if (v == null || v.isBlank()) {
      return CheckItem.warn(
          "docker api", "API version unknown", "upgrade Docker to 20.10 or later");
    }
    if (compare(v, "1.41") < 0) {
      return CheckItem.warn(
          "docker api",
          "API " + v + " is older than 1.41 (Docker 20.10)",
          "upgrade Docker: older engines lack features the stack uses (device requests)");
    }
    return CheckItem.pass("docker api", "API " + v);
  }

  static CheckItem storage(EngineInfo info) {
    String d = info.storageDriver();
    if ("vfs".equals(d)) {
      return CheckItem.warn(
          "storage driver",
          "vfs copies every layer in full: images take many times their size",
          "configure overlay2 in /etc/docker/daemon.json");
    }
    return CheckItem.pass("storage driver", d == null ? "unknown" : d);
  }

  static CheckItem disk(EngineInfo info, HostProbe host) {
    String dir = info.dockerRootDir();
    OptionalLong free = dir == null ? OptionalLong.empty() : host.usableSpace(Path.of(dir));
    if (free.isEmpty()) {
      return CheckItem.skip(
          "disk space",
          "free space unknown: "
              + (dir == null ? "Docker's root dir" : dir)
              + " is not readable from here");
    }
    String gb = String.format(Locale.ROOT, "%.1f GB free at %s", free.getAsLong() / 1e9, dir);
    if (free.getAsLong() < MIN_FREE_BYTES) {
      return CheckItem.warn(
          "disk space",
          gb + " (less than 20 GB)",
          "models take 2–40 GB each: free space, or move Docker's data-root to a larger disk");
    }
    return CheckItem.pass("disk space", gb);
  }

  /** Compares dotted versions numerically: {@code 1.9 < 1.41}. */
  static int compare(String a, String b) {
    String[] x = a.trim().split("\\.");
    String[] y = b.trim().split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int xi = i < x.length ? parse(x[i]) : 0;
      int yi = i < y.length ? parse(y[i]) : 0;
      if (xi != yi) {
        return Integer.compare(xi, yi);
      }
    }
    return 0;
  }

  private static int parse(String s) {
    try {
      return Integer.parseInt(s.replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
