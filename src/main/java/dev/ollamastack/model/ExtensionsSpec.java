package dev.ollamastack.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MCP extensions served through mcpo.
 *
 * @param enabled extension names from the catalog (built-in plus {@code paths})
 * @param settings per-extension settings, keyed by extension name
 * @param manifests the manifests found under {@code paths}, by name (built-ins are not repeated
 *     here): resolved when the stack file is loaded, so rendering reads no file
 */
public record ExtensionsSpec(
    List<String> enabled,
    List<String> paths,
    Map<String, ExtensionSettings> settings,
    Map<String, ExtensionManifest> manifests) {

  public ExtensionsSpec {
    enabled = enabled == null ? List.of() : List.copyOf(enabled);
    paths = paths == null ? List.of() : List.copyOf(paths);
    settings = settings == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(settings));
    manifests =
        manifests == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(manifests));
  }

  public ExtensionsSpec(
      List<String> enabled, List<String> paths, Map<String, ExtensionSettings> settings) {
    this(enabled, paths, settings, Map.of());
  }

  public static ExtensionsSpec defaults() {
    return new ExtensionsSpec(List.of("time"), List.of("./extensions"), Map.of());
  }

  public ExtensionsSpec withManifests(Map<String, ExtensionManifest> m) {
    return new ExtensionsSpec(enabled, paths, settings, m);
  }

  /** The same extensions with {@code names} not enabled (a one-apply {@code extensions stop}). */
  public ExtensionsSpec without(java.util.Set<String> names) {
    return new ExtensionsSpec(
        enabled.stream().filter(n -> !names.contains(n)).toList(), paths, settings, manifests);
  }

  /** The settings of one extension, empty when the stack file has none. */
  public ExtensionSettings settingsOf(String name) {
    return settings.getOrDefault(name, ExtensionSettings.NONE);
  }

  /**
   * Settings of one extension.
   *
   * @param env environment passed to its MCP server
   * @param directory absolute host directory for an extension that serves one, or {@code null}
   * @param readOnly whether that directory is mounted read-only; {@code null}: the manifest decides
   */
  public record ExtensionSettings(Map<String, String> env, String directory, Boolean readOnly) {
    public static final ExtensionSettings NONE = new ExtensionSettings(Map.of(), null, null);

    public ExtensionSettings {
      env = env == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(env));
    }

    public ExtensionSettings(Map<String, String> env) {
      this(env, null, null);
    }
  }
}
