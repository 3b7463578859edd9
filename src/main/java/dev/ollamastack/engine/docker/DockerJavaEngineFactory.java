package dev.ollamastack.engine.docker;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineFactory;
import java.util.Map;

/** Connects to the engine named by {@code DOCKER_HOST}, else the local socket. */
public final class DockerJavaEngineFactory implements EngineFactory {
  private final Map<String, String> env;

  public DockerJavaEngineFactory(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public DockerEngine connect() {
    throw new IllegalStateException("engine adapter being written; env=" + env.size());
  }
}
