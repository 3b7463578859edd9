package dev.ollamastack.engine;

import java.util.List;

/**
 * What the daemon says about itself.
 *
 * @param host where we reached it ({@code unix:///var/run/docker.sock}, {@code tcp://...})
 * @param runtimes registered OCI runtimes ({@code runc}, {@code nvidia})
 */
public record EngineInfo(
    String host,
    String serverVersion,
    String apiVersion,
    String os,
    String storageDriver,
    String dockerRootDir,
    int cpus,
    long memoryBytes,
    List<String> runtimes) {}
