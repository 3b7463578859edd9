package dev.ollamastack.engine;

import java.util.List;

/**
 * What the daemon says about itself.
 *
 * @param host where we reached it ({@code unix:///var/run/docker.sock}, {@code tcp://...})
 * @param context the Docker context that named {@code host}, or {@code null} when none did ({@code
 *     DOCKER_HOST}, or the default context)
 * @param runtimes registered OCI runtimes ({@code runc}, {@code nvidia})
 * @param architecture the daemon's CPU architecture as Docker reports it ({@code x86_64}, {@code
 *     aarch64}), or {@code null} when unknown
 * @param cgroupDriver {@code systemd} or {@code cgroupfs}, or {@code null} when unknown: with
 *     {@code systemd} a {@code systemctl daemon-reload} can take GPUs from running containers
 */
public record EngineInfo(
    String host,
    String context,
    String serverVersion,
    String apiVersion,
    String os,
    String storageDriver,
    String dockerRootDir,
    int cpus,
    long memoryBytes,
    List<String> runtimes,
    String architecture,
    String cgroupDriver) {

  public EngineInfo(
      String host,
      String context,
      String serverVersion,
      String apiVersion,
      String os,
      String storageDriver,
      String dockerRootDir,
      int cpus,
      long memoryBytes,
      List<String> runtimes,
      String architecture) {
    this(
        host,
        context,
        serverVersion,
        apiVersion,
        os,
        storageDriver,
        dockerRootDir,
        cpus,
        memoryBytes,
        runtimes,
        architecture,
        null);
  }

  public EngineInfo(
      String host,
      String context,
      String serverVersion,
      String apiVersion,
      String os,
      String storageDriver,
      String dockerRootDir,
      int cpus,
      long memoryBytes,
      List<String> runtimes) {
    this(
        host,
        context,
        serverVersion,
        apiVersion,
        os,
        storageDriver,
        dockerRootDir,
        cpus,
        memoryBytes,
        runtimes,
        null);
  }

  /** The Docker platform of the daemon ({@code linux/amd64}), or {@code null} when unknown. */
  public String platform() {
    if (architecture == null) {
      return null;
    }
    return switch (architecture) {
      case "x86_64", "amd64" -> "linux/amd64";
      case "aarch64", "arm64" -> "linux/arm64";
      default -> "linux/" + architecture;
    };
  }

  /** The host, and the context when one chose it: {@code unix:///x.sock (context colima)}. */
  public String where() {
    return EngineUnavailableException.where(host, context);
  }
}
