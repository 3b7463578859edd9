package dev.ollamastack.engine;

import java.time.Instant;
import java.util.Map;

/**
 * One event of the engine's event stream ({@code docker events}): a container of the installation
 * was created, started, died, stopped, destroyed, renamed, or its health changed.
 *
 * @param type {@code container}, {@code network}, {@code volume}, …
 * @param action Docker's action word: {@code die}, {@code destroy}, {@code health_status:
 *     unhealthy}
 * @param id the resource's id
 * @param attributes the actor's attributes: a container's labels and {@code name}
 */
public record EngineEvent(
    String type, String action, String id, Map<String, String> attributes, Instant time) {
  public EngineEvent {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** The resource's name ({@code name} attribute), or its id when the event has none. */
  public String name() {
    return attributes.getOrDefault("name", id);
  }

  /** The health-status part of a {@code health_status: …} action, or {@code null}. */
  public String health() {
    return action != null && action.startsWith("health_status:")
        ? action.substring("health_status:".length()).trim()
        : null;
  }
}
