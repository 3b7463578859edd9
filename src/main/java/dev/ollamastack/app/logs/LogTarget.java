package dev.ollamastack.app.logs;

/** A service's container whose logs are read. */
public record LogTarget(String service, String containerId, String containerName) {}
