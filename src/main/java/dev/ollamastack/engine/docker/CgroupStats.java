package dev.ollamastack.engine.docker;

import dev.ollamastack.engine.ContainerStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU and memory of a container read from its cgroup on this host, when the daemon is local. The
 * stats API answers only at Docker's next sample (1–2 s per request, like {@code docker stats
 * --no-stream}); the kernel's counters answer at once, so {@code status} needs only one short
 * window for the CPU rate. Empty when the cgroup is not found (remote daemon, rootless, another
 * layout): the caller then asks the stats API.
 */
final class CgroupStats {
  private final Path root;
  private final Duration window;
  private final long hostMemory;
  private final Map<String, Start> started = new ConcurrentHashMap<>();

  CgroupStats(Path root, Duration window, long hostMemory) {
    this.root = root;
    this.window = window;
    this.hostMemory = hostMemory;
  }

  /** MemTotal of this host, 0 when unknown. */
  static long hostMemory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or unreadable
    }
    return 0;
  }

  /**
   * Reads the CPU counter now: the next {@link #sample} of this container measures from here, and
   * waits only for what is left of the window.
   */
  void startWindow(String containerId) {
    Layout.find(root, containerId)
        .ifPresent(
            l -> {
              OptionalLong cpu = l.cpuNanos();
              if (cpu.isPresent()) {
                started.put(containerId, new Start(cpu.getAsLong(), System.nanoTime()));
              }
            });
  }

  private record Start(long cpuNanos, long at) {}

  Optional<ContainerStats> sample(String containerId) {
    Optional<Layout> found = Layout.find(root, containerId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Layout l = found.get();
    Start start = started.remove(containerId);
    OptionalLong cpu0 = start == null ? l.cpuNanos() : OptionalLong.of(start.cpuNanos());
    long t0 = start == null ? System.nanoTime() : start.at();
    long left = window.toNanos() - (System.nanoTime() - t0);
    if (left > 0) {
      sleep(Duration.ofNanos(left));
    }
    OptionalLong cpu1 = l.cpuNanos();
    long t1 = System.nanoTime();
    OptionalLong mem = l.memoryUsed();
    if (cpu0.isEmpty() || cpu1.isEmpty() || mem.isEmpty()) {
      return Optional.empty();
    }
    double cpuPercent = Math.max(0, cpu1.getAsLong() - cpu0.getAsLong()) * 100.0 / (t1 - t0);
    long limit = l.memoryLimit().orElse(hostMemory);
    if (hostMemory > 0 && (limit <= 0 || limit > hostMemory)) {
      limit = hostMemory; // "no limit" is a huge number: Docker reports the host's memory then
    }
    return Optional.of(new ContainerStats(cpuPercent, mem.getAsLong(), limit));
  }

  /** Where one container's counters live, for cgroup v1 and v2, cgroupfs and systemd drivers. */
  private record Layout(Path cpu, Path memory, boolean v2) {
    static Optional<Layout> find(Path root, String id) {
      List<String> groups = List.of("docker/" + id, "system.slice/docker-" + id + ".scope");
      for (String g : groups) {
        Path v2 = root.resolve(g);
        if (Files.isRegularFile(v2.resolve("cpu.stat"))
            && Files.isRegularFile(v2.resolve("memory.current"))) {
          return Optional.of(new Layout(v2, v2, true));
        }
        Path mem = root.resolve("memory").resolve(g);
        for (String cpuCtl : List.of("cpuacct", "cpu,cpuacct")) {
          Path cpu = root.resolve(cpuCtl).resolve(g);
          if (Files.isRegularFile(cpu.resolve("cpuacct.usage"))
              && Files.isRegularFile(mem.resolve("memory.usage_in_bytes"))) {
            return Optional.of(new Layout(cpu, mem, false));
          }
        }
      }
      return Optional.empty();
    }

    OptionalLong cpuNanos() {
      if (!v2) {
        return number(cpu.resolve("cpuacct.usage"));
      }
      OptionalLong usec = field(cpu.resolve("cpu.stat"), "usage_usec");
      return usec.isPresent() ? OptionalLong.of(usec.getAsLong() * 1000) : usec;
    }

    /** Usage less the page cache the kernel can reclaim, as {@code docker stats} shows it. */
    OptionalLong memoryUsed() {
      OptionalLong usage = number(memory.resolve(v2 ? "memory.current" : "memory.usage_in_bytes"));
      OptionalLong cache =
          field(memory.resolve("memory.stat"), v2 ? "inactive_file" : "total_inactive_file");
      if (usage.isEmpty()) {
        return usage;
      }
      long c = cache.orElse(0);
      return OptionalLong.of(c < usage.getAsLong() ? usage.getAsLong() - c : usage.getAsLong());
    }

    OptionalLong memoryLimit() {
      return number(memory.resolve(v2 ? "memory.max" : "memory.limit_in_bytes"));
    }
  }

  private static OptionalLong number(Path file) {
    try {
      String s = Files.readString(file).trim();
      return "max".equals(s) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static OptionalLong field(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        String[] kv = line.trim().split("\\s+");
        if (kv.length == 2 && kv[0].equals(key)) {
          return OptionalLong.of(Long.parseLong(kv[1]));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // unreadable: treated as absent
    }
    return OptionalLong.empty();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
