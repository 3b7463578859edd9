package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;
import dev.ollamastack.engine.ContainerStats;
import java.util.Optional;

/** One Docker stats sample → {@link ContainerStats}, computed as {@code docker stats} does. */
final class StatsMapper {
  private StatsMapper() {}

  /** Empty when the container is not running (Docker then sends a sample of zeros). */
  static Optional<ContainerStats> stats(Statistics s) {
    if (s == null || s.getMemoryStats() == null || s.getCpuStats() == null) {
      return Optional.empty();
    }
    MemoryStatsConfig mem = s.getMemoryStats();
    long limit = orZero(mem.getLimit());
    if (limit == 0 && orZero(mem.getUsage()) == 0) {
      return Optional.empty();
    }
    return Optional.of(new ContainerStats(cpuPercent(s), memoryUsed(mem), limit));
  }

  /**
   * Share of the host's CPU time the container used between the previous sample and this one, times
   * the online CPUs: 100 % = one full core, as {@code docker stats} reports it.
   */
  static double cpuPercent(Statistics s) {
    CpuStatsConfig cpu = s.getCpuStats();
    CpuStatsConfig pre = s.getPreCpuStats();
    if (cpu == null || pre == null || cpu.getCpuUsage() == null || pre.getCpuUsage() == null) {
      return 0;
    }
    long cpuDelta =
        orZero(cpu.getCpuUsage().getTotalUsage()) - orZero(pre.getCpuUsage().getTotalUsage());
    long systemDelta = orZero(cpu.getSystemCpuUsage()) - orZero(pre.getSystemCpuUsage());
    if (cpuDelta <= 0 || systemDelta <= 0) {
      return 0;
    }
    long online = orZero(cpu.getOnlineCpus());
    if (online == 0 && cpu.getCpuUsage().getPercpuUsage() != null) {
      online = cpu.getCpuUsage().getPercpuUsage().size();
    }
    return (double) cpuDelta / systemDelta * Math.max(online, 1) * 100.0;
  }

  // The page cache counts in usage but the kernel reclaims it: subtract it, as the docker CLI does
  // (cgroup v1 total_inactive_file, v2 inactive_file).
  private static long memoryUsed(MemoryStatsConfig mem) {
    long usage = orZero(mem.getUsage());
    StatsConfig st = mem.getStats();
    if (st != null) {
      long cache =
          st.getTotalInactiveFile() != null
              ? st.getTotalInactiveFile()
              : orZero(st.getInactiveFile());
      if (cache < usage) {
        return usage - cache;
      }
    }
    return usage;
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }
}
