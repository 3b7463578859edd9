package dev.ollamastack.model;

import java.util.Objects;

/**
 * Names one resource of an installation: its kind and its name as Docker (or Ollama) knows it. The
 * nodes of the planner's graph and the targets of every dependency.
 */
public record ResourceKey(ResourceKind kind, String name) implements Comparable<ResourceKey> {
  public ResourceKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  public static ResourceKey network(String name) {
    return new ResourceKey(ResourceKind.NETWORK, name);
  }

  public static ResourceKey volume(String name) {
    return new ResourceKey(ResourceKind.VOLUME, name);
  }

  public static ResourceKey image(String reference) {
    return new ResourceKey(ResourceKind.IMAGE, reference);
  }

  public static ResourceKey container(String name) {
    return new ResourceKey(ResourceKind.CONTAINER, name);
  }

  public static ResourceKey model(String name) {
    return new ResourceKey(ResourceKind.MODEL, name);
  }

  /** The Swarm service {@code name}. */
  public static ResourceKey service(String name) {
    return new ResourceKey(ResourceKind.SERVICE, name);
  }

  /** The model {@code name} loaded in Ollama's memory ({@code loaded-model:llama3.2:1b}). */
  public static ResourceKey loadedModel(String name) {
    return new ResourceKey(ResourceKind.LOADED_MODEL, name);
  }

  /** The state directory at {@code path}. */
  public static ResourceKey config(String path) {
    return new ResourceKey(ResourceKind.CONFIG, path);
  }

  /** The tool servers the Open WebUI container {@code webui} lists. */
  public static ResourceKey toolServers(String webui) {
    return new ResourceKey(ResourceKind.TOOL_SERVERS, webui);
  }

  /** {@code kind:name}, the form of the plan format ({@code container:ollama-stack-webui}). */
  public static ResourceKey parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("not a resource key: " + text);
    }
    return new ResourceKey(
        ResourceKind.ofLabel(text.substring(0, colon)), text.substring(colon + 1));
  }

  // Written out, as PortBinding's: a record's generated equals and hashCode are bootstrapped
  // through method handles on first use, and the planner's maps call them before they are compiled.
  @Override
  public boolean equals(Object o) {
    return o instanceof ResourceKey k && kind == k.kind && name.equals(k.name);
  }

  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + name.hashCode();
  }

  @Override
  public int compareTo(ResourceKey o) {
    int k = kind.compareTo(o.kind);
    return k != 0 ? k : name.compareTo(o.name);
  }

  /** For people: {@code container ollama-stack-webui}. */
  public String describe() {
    if (kind == ResourceKind.TOOL_SERVERS) {
      return "tool servers of " + name;
    }
    if (kind == ResourceKind.LOADED_MODEL) {
      return "model " + name + " in memory";
    }
    return kind.label() + " " + name;
  }

  @Override
  public String toString() {
    return kind.label() + ":" + name;
  }
}
