package dev.ollamastack.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * How many tools an OpenAPI tool server offers: the paths of its {@code openapi.json}. mcpo serves
 * one per MCP server; a server that failed to start has none (or no document at all), while mcpo's
 * own {@code /docs} still answers.
 */
public final class OpenApiTools {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpProbe probe;

  public OpenApiTools(HttpProbe probe) {
    this.probe = probe;
  }

  /** The tool count at {@code url}, empty when it does not answer with an OpenAPI document. */
  public OptionalInt count(String url, Duration timeout) {
    return probe.body(url, timeout).map(OpenApiTools::paths).orElse(OptionalInt.empty());
  }

  /** The paths (tools) an OpenAPI document lists; empty when it is not one. */
  public static OptionalInt paths(String document) {
    try {
      JsonNode paths = JSON.readTree(document).path("paths");
      return paths.isObject() ? OptionalInt.of(paths.size()) : OptionalInt.empty();
    } catch (java.io.IOException e) {
      return OptionalInt.empty();
    }
  }
}
