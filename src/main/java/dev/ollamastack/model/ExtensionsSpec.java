package dev.ollamastack.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MCP extensions served through mcpo.
 *
 * @param enabled extension names from the catalog (built-in plus {@code paths})
 * @param settings per-extension settings, keyed by extension name
 */
public record ExtensionsSpec(
    List<String> enabled, List<String> paths, Map<String, ExtensionSettings> settings) {

  public ExtensionsSpec {
    enabled = enabled == null ? List.of() : List.copyOf(enabled);
    paths = paths == null ? List.of() : List.copyOf(paths);
    settings =
        settings == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
  }

  public static ExtensionsSpec defaults() {
    return new ExtensionsSpec(List.of("time"), List.of("./extensions"), Map.of());
  }

  /** Settings of one extension: environment passed to its MCP server. */
  public record ExtensionSettings(Map<String, String> env) {
    public ExtensionSettings {
      env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(env));
    }
  }
}
