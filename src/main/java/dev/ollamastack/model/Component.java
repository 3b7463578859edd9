package dev.ollamastack.model;

import java.util.Locale;
import java.util.Optional;

/** The role of a container in the stack; the value of the {@code ollama-stack.component} label. */
public enum Component {
  OLLAMA("ollama", "ollama"),
  WEBUI("webui", "webui"),
  MCP_PROXY("mcp_proxy", "mcp-proxy"),
  EXTENSION("extension", "ext");

  private final String label;
  private final String suffix;

  Component(String label, String suffix) {
    this.label = label;
    this.suffix = suffix;
  }

  /** Value of the component label. */
  public String label() {
    return label;
  }

  /** Service name as users type it ({@code ollama}, {@code webui}, {@code mcp-proxy}). */
  public String serviceName() {
    return suffix;
  }

  public String containerName(String installation) {
    return installation + "-" + suffix;
  }

  public static Optional<Component> fromLabel(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Component c : values()) {
      if (c.label.equals(value.toLowerCase(Locale.ROOT))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
