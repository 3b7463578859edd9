package dev.ollamastack.model;

import java.util.Objects;

/**
 * The desired state of one installation, as declared in {@code ollama-stack.yaml}, with every
 * default applied. Immutable; produced by the config loader, consumed by the renderer.
 *
 * @param name installation name ({@code metadata.name}): prefix of every resource and value of the
 *     {@code ollama-stack.installation} label
 */
public record StackSpec(
    String name,
    Platform platform,
    Expose expose,
    OllamaSpec ollama,
    ServiceSpec webui,
    ServiceSpec mcpProxy,
    ExtensionsSpec extensions,
    BackupSpec backup,
    Target target) {

  public static final String API_VERSION = "ollama-stack/v1";
  public static final String KIND = "Stack";
  public static final String DEFAULT_NAME = "ollama-stack";

  public StackSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(expose, "expose");
    Objects.requireNonNull(ollama, "ollama");
    Objects.requireNonNull(webui, "webui");
    Objects.requireNonNull(mcpProxy, "mcpProxy");
    Objects.requireNonNull(extensions, "extensions");
    Objects.requireNonNull(backup, "backup");
    target = target == null ? Target.DOCKER : target;
  }

  /** A stack on the {@code docker} target. */
  public StackSpec(
      String name,
      Platform platform,
      Expose expose,
      OllamaSpec ollama,
      ServiceSpec webui,
      ServiceSpec mcpProxy,
      ExtensionsSpec extensions,
      BackupSpec backup) {
    this(name, platform, expose, ollama, webui, mcpProxy, extensions, backup, Target.DOCKER);
  }

  /** The stack with every field at its default: a working CPU stack. */
  public static StackSpec defaults() {
    return new StackSpec(
        DEFAULT_NAME,
        Platform.AUTO,
        Expose.LOCALHOST,
        OllamaSpec.defaults(),
        ServiceSpec.webuiDefaults(),
        ServiceSpec.mcpProxyDefaults(),
        ExtensionsSpec.defaults(),
        BackupSpec.defaults());
  }

  public StackSpec withName(String newName) {
    return new StackSpec(
        newName, platform, expose, ollama, webui, mcpProxy, extensions, backup, target);
  }

  public StackSpec withPlatform(Platform p) {
    return new StackSpec(name, p, expose, ollama, webui, mcpProxy, extensions, backup, target);
  }

  public StackSpec withExtensions(ExtensionsSpec e) {
    return new StackSpec(name, platform, expose, ollama, webui, mcpProxy, e, backup, target);
  }

  /** The same stack on another target ({@code --target}). */
  public StackSpec withTarget(Target t) {
    return new StackSpec(name, platform, expose, ollama, webui, mcpProxy, extensions, backup, t);
  }

  public StackSpec withOllama(OllamaSpec o) {
    return new StackSpec(name, platform, expose, o, webui, mcpProxy, extensions, backup, target);
  }
}
