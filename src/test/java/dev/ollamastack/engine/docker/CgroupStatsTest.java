package dev.ollamastack.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.engine.ContainerStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupStatsTest {
  static final String ID = "abc123";
  static final long GIB = 1L << 30;
  @TempDir Path root;

  private static void write(Path file, String content) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void cgroupV1CgroupfsSubtractsThePageCacheAndCapsAnUnlimitedLimitAtHostMemory() throws Exception {
    write(root.resolve("cpuacct/docker/" + ID + "/cpuacct.usage"), "1000000\n");
    write(root.resolve("memory/docker/" + ID + "/memory.usage_in_bytes"), "1048576\n");
    write(root.resolve("memory/docker/" + ID + "/memory.limit_in_bytes"), "9223372036854771712\n");
    write(
        root.resolve("memory/docker/" + ID + "/memory.stat"),
        "cache 1\ntotal_inactive_file 8192\n");
    ContainerStats s =
        new CgroupStats(root, Duration.ofMillis(1), 8 * GIB).sample(ID).orElseThrow();
    assertThat(s.memoryBytes()).isEqualTo(1048576 - 8192);
    assertThat(s.memoryLimitBytes()).isEqualTo(8 * GIB);
    assertThat(s.cpuPercent()).isZero(); // the counter did not move in the window
  }

  @Test
  void aWindowStartedEarlierCountsWhatTheCounterDidSince() throws Exception {
    Path usage = root.resolve("cpuacct/docker/" + ID + "/cpuacct.usage");
    write(usage, "1000000\n");
    write(root.resolve("memory/docker/" + ID + "/memory.usage_in_bytes"), "1048576\n");
    CgroupStats stats = new CgroupStats(root, Duration.ofMillis(1), 8 * GIB);
    stats.startWindow(ID);
    write(usage, "900000000000\n"); // 900 s of CPU since the window started
    assertThat(stats.sample(ID).orElseThrow().cpuPercent()).isPositive();
    // the start is used once: the next sample opens a window of its own
    assertThat(stats.sample(ID).orElseThrow().cpuPercent()).isZero();
  }

  @Test
  void cgroupV2SystemdScopeReadsUsageAndLimit() throws Exception {
    Path g = root.resolve("system.slice/docker-" + ID + ".scope");
    write(g.resolve("cpu.stat"), "usage_usec 5000\nuser_usec 3000\n");
    write(g.resolve("memory.current"), "2097152\n");
    write(g.resolve("memory.max"), "1073741824\n");
    write(g.resolve("memory.stat"), "anon 1\ninactive_file 1048576\n");
    ContainerStats s =
        new CgroupStats(root, Duration.ofMillis(1), 8 * GIB).sample(ID).orElseThrow();
    assertThat(s.memoryBytes()).isEqualTo(1048576);
    assertThat(s.memoryLimitBytes()).isEqualTo(GIB);
  }

  @Test
  void anUnknownLayoutIsEmptySoTheStatsApiIsAsked() {
    assertThat(new CgroupStats(root, Duration.ofMillis(1), GIB).sample(ID)).isEmpty();
  }
}
