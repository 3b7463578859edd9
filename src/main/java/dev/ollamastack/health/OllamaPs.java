package dev.ollamastack.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ollama's {@code GET /api/ps}: the models loaded now and how much of each sits in GPU memory
 * ({@code size_vram}; equal to {@code size}: all on the GPU, 0: all on the CPU, as {@code ollama
 * ps} shows in its PROCESSOR column).
 */
final class OllamaPs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OllamaPs() {}

  /** One loaded model. */
  record Loaded(String name, long size, long sizeVram) {
    /** The share in GPU memory, 0 to 100. */
    int gpuPercent() {
      return size <= 0 ? 0 : (int) Math.min(100, Math.round(sizeVram * 100.0 / size));
    }
  }

  /** The loaded models at {@code baseUrl}, or {@code null} when Ollama does not answer. */
  static List<Loaded> ask(String baseUrl, Duration timeout) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    try {
      Http.Response res = Http.get(URI.create(base + "/api/ps"), timeout, Map.of());
      return res.ok() ? parse(res.text()) : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  static List<Loaded> parse(String json) throws IOException {
    JsonNode models = JSON.readTree(json).path("models");
    if (!models.isArray()) {
      throw new IOException("no models list");
    }
    List<Loaded> out = new ArrayList<>();
    for (JsonNode m : models) {
      out.add(
          new Loaded(
              m.path("name").asText(m.path("model").asText("")),
              m.path("size").asLong(),
              m.path("size_vram").asLong()));
    }
    return out;
  }
}
