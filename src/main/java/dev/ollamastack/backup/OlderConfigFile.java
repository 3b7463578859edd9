package dev.ollamastack.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The older CLI's {@code .ollama-stack.json}: only how it ran Ollama matters here ({@code
 * services.ollama.type}: {@code docker}, {@code native-api} on Apple Silicon, {@code remote-api}).
 * Like the older CLI, an unreadable file counts as its defaults.
 */
public final class OlderConfigFile {
  private OlderConfigFile() {}

  /** {@code container}, {@code native} or {@code external}. */
  public static String ollamaMode(String json) {
    String type = ollama(json).path("type").asText("docker");
    return switch (type) {
      case "native-api" -> "native";
      case "remote-api" -> "external";
      default -> "container";
    };
  }

  /** The health-check URL of a native or remote Ollama, or {@code null}. */
  public static String ollamaUrl(String json) {
    JsonNode url = ollama(json).path("health_check_url");
    return url.isTextual() && !url.asText().isBlank() ? url.asText() : null;
  }

  private static JsonNode ollama(String json) {
    if (json == null) {
      return new ObjectMapper().createObjectNode();
    }
    try {
      return new ObjectMapper().readTree(json).path("services").path("ollama");
    } catch (IOException e) {
      return new ObjectMapper().createObjectNode();
    }
  }
}
