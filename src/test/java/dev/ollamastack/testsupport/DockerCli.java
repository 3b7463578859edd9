package dev.ollamastack.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The docker CLI, to read back what the tool did exactly as a user would ({@code docker inspect}).
 */
public final class DockerCli {
  private DockerCli() {}

  public static String run(String... args) {
    return runOn(null, args);
  }

  /** {@link #run} against the daemon at {@code dockerHost} ({@code null}: the JVM's own). */
  public static String runOn(String dockerHost, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("docker");
    cmd.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      if (dockerHost != null) {
        pb.environment().put("DOCKER_HOST", dockerHost);
        pb.environment().remove("DOCKER_CONTEXT");
      }
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new AssertionError("docker " + String.join(" ", args) + " failed: " + out);
      }
      return out.strip();
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Like {@link #run} but returns null instead of failing. */
  public static String tryRun(String... args) {
    try {
      return run(args);
    } catch (AssertionError e) {
      return null;
    }
  }

  /** Like {@link #runOn} but returns null instead of failing. */
  public static String tryRunOn(String dockerHost, String... args) {
    try {
      return runOn(dockerHost, args);
    } catch (AssertionError e) {
      return null;
    }
  }

  public static String inspect(String name, String format) {
    return run("inspect", "--format", format, name);
  }

  public static boolean exists(String kind, String name) {
    return tryRun(kind, "inspect", name) != null;
  }

  /**
   * A port that is free now, picked below the kernel's ephemeral range: port-0 binds (other tests'
   * "free ports"), outgoing connections and Docker's random host ports all come from that range, so
   * the port is much less likely to be taken by the time the test publishes it.
   */
  public static int freePort() {
    int ephemeralStart = ephemeralRangeStart();
    int low = Math.max(10_000, ephemeralStart - 12_000);
    if (ephemeralStart - low < 1_000) { // an unusual range: no room below it, take the kernel's
      try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
        return s.getLocalPort();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
    for (int attempt = 0; attempt < 500; attempt++) {
      int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(low, ephemeralStart);
      if (isFree(port)) {
        return port;
      }
    }
    throw new AssertionError("no free port in " + low + "-" + (ephemeralStart - 1));
  }

  private static boolean isFree(int port) {
    try (java.net.ServerSocket s = new java.net.ServerSocket()) {
      s.bind(new java.net.InetSocketAddress("0.0.0.0", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int ephemeralRangeStart() {
    // readAllLines, not readString: some kernels report a wrong size for /proc/sys files
    try {
      String range =
          java.nio.file.Files.readAllLines(
                  java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
              .get(0);
      return Integer.parseInt(range.trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768; // Linux's default
    }
  }
}
