package dev.ollamastack.model;

import java.util.Locale;

/**
 * The kinds of resource an installation is made of. A closed set: a new kind (an extension
 * container, a backup job, a Swarm service) is added here and every exhaustive switch over it then
 * fails to compile until it is handled.
 */
public enum ResourceKind {
  NETWORK,
  VOLUME,
  IMAGE,
  CONTAINER,
  MODEL,
  /** The installation's state directory ({@code uninstall --remove-config}). */
  CONFIG,
  /** The tool servers Open WebUI lists (its stored configuration, changed through its API). */
  TOOL_SERVERS,
  /** A model held in Ollama's memory ({@code preload}): lost whenever Ollama restarts. */
  LOADED_MODEL,
  /** A Docker Swarm service ({@code spec.target: swarm}). */
  SERVICE,
  /** A Docker Swarm secret: a secret value mounted into services as a file. */
  SECRET,
  /** A Docker Swarm config: a rendered file mounted into services. */
  SWARM_CONFIG;

  /** The word users see and the plan format uses: {@code network}, {@code tool-servers}, … */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The kind of a {@link #label()}. */
  public static ResourceKind ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
