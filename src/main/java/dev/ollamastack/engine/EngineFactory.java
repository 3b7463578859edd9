package dev.ollamastack.engine;

/** Opens a connection to a Docker engine; the CLI owns the instance and closes it. */
@FunctionalInterface
public interface EngineFactory {
  DockerEngine connect();
}
