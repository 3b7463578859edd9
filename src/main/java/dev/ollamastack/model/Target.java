package dev.ollamastack.model;

import java.util.Locale;

/**
 * What runs the stack: the Docker engine's own containers ({@code docker}), or the services of a
 * Docker Swarm the engine manages ({@code swarm}).
 */
public enum Target {
  DOCKER,
  SWARM;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Target fromYaml(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
