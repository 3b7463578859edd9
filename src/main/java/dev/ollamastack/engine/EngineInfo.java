package dev.ollamastack.engine;

import java.util.List;

/**
 * What the daemon says about itself.
 *
 * @param host where we reached it ({@code unix:///var/run/docker.sock}, {@code tcp://...})
 * @param context the Docker context that named {@code host}, or {@code null} when none did ({@code
 *     DOCKER_HOST}, or the default context)
 * @param runtimes registered OCI runtimes ({@code runc}, {@code nvidia})
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
    List<String> runtimes) {

  /** The host, and the context when one chose it: {@code unix:///x.sock (context colima)}. */
  public String where() {
    return EngineUnavailableException.where(host, context);
  }
}
