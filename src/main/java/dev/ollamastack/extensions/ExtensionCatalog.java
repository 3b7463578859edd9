package dev.ollamastack.extensions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The extensions the tool knows by name. Built-ins run inside the mcpo container (stdio). */
public final class ExtensionCatalog {
  private final Map<String, ExtensionDef> byName;

  private ExtensionCatalog(Map<String, ExtensionDef> byName) {
    this.byName = new TreeMap<>(byName);
  }

  /** The built-in catalog: reference MCP servers that mcpo's image can launch (uvx, npx). */
  public static ExtensionCatalog builtIn() {
    return new ExtensionCatalog(
        Map.of(
            "time",
            new ExtensionDef(
                "time",
                "Current time and timezone conversion (mcp-server-time)",
                "uvx",
                List.of("mcp-server-time"),
                Map.of()),
            "fetch",
            new ExtensionDef(
                "fetch",
                "Fetch a URL and return it as markdown (mcp-server-fetch)",
                "uvx",
                List.of("mcp-server-fetch"),
                Map.of()),
            "memory",
            new ExtensionDef(
                "memory",
                "Knowledge-graph memory (@modelcontextprotocol/server-memory)",
                "npx",
                List.of("-y", "@modelcontextprotocol/server-memory"),
                Map.of())));
  }

  public Optional<ExtensionDef> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Set<String> names() {
    return byName.keySet();
  }
}
