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

  public static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
