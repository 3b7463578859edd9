package dev.ollamastack.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.model.LoadedModel;
import dev.ollamastack.model.ObservedModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The parts of Ollama's HTTP API the tool uses: {@code /api/version}, {@code /api/tags}, {@code
 * /api/ps}, streaming {@code POST /api/pull}, {@code POST /api/generate} to load a model and {@code
 * DELETE /api/delete}. Errors carry Ollama's own text.
 */
public final class OllamaClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String baseUrl;

  public OllamaClient(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** One line of pull progress; {@code total}/{@code completed} are 0 when Ollama omits them. */
  public record PullStatus(String status, String digest, long total, long completed) {}

  public String version(Duration timeout) throws IOException {
    return get("/api/version", timeout).path("version").asText();
  }

  public List<ObservedModel> tags(Duration timeout) throws IOException {
    List<ObservedModel> out = new ArrayList<>();
    for (JsonNode m : get("/api/tags", timeout).path("models")) {
      out.add(
          new ObservedModel(
              m.path("name").asText(), m.path("size").asLong(), m.path("digest").asText()));
    }
    return out;
  }

  /** The models Ollama holds in memory ({@code /api/ps}). */
  public List<LoadedModel> ps(Duration timeout) throws IOException {
    List<LoadedModel> out = new ArrayList<>();
    for (JsonNode m : get("/api/ps", timeout).path("models")) {
      out.add(
          new LoadedModel(
              m.path("name").asText(m.path("model").asText()),
              m.path("size").asLong(),
              m.path("size_vram").asLong(),
              m.path("digest").asText(null),
              m.path("expires_at").asText(null)));
    }
    return out;
  }

  /**
   * Loads a model into memory: a generate request without a prompt, which Ollama answers once the
   * model is loaded ({@code "done_reason":"load"}). Throws with Ollama's error text (a model it
   * does not have, not enough memory).
   *
   * @param keepAlive {@code OLLAMA_KEEP_ALIVE} as the stack sets it (a duration like {@code 24h},
   *     or seconds, negative for forever), or {@code null} for Ollama's default
   * @param timeout bounds the answer: loading a large model from disk takes a while
   */
  public void load(String model, String keepAlive, Duration timeout) throws IOException {
    ObjectNode req = JSON.createObjectNode().put("model", model).put("stream", false);
    if (keepAlive != null) {
      // Ollama reads a JSON number as seconds and a string as a Go duration, which needs a unit.
      if (keepAlive.strip().matches("-?[0-9]+")) {
        req.put("keep_alive", Long.parseLong(keepAlive.strip()));
      } else {
        req.put("keep_alive", keepAlive.strip());
      }
    }
    byte[] body = JSON.writeValueAsBytes(req);
    Http.Response res =
        call(() -> Http.send("POST", uri("/api/generate"), body, Map.of(), timeout));
    if (!res.ok()) {
      throw new IOException(errorText(res.text(), res.status()));
    }
    JsonNode answer = JSON.readTree(res.body());
    if (answer != null && answer.hasNonNull("error")) {
      throw new IOException(answer.get("error").asText());
    }
  }

  /** Pulls a model, streaming progress; throws with Ollama's error text when the pull fails. */
  public void pull(String model, Consumer<PullStatus> progress) throws IOException {
    byte[] body = JSON.writeValueAsBytes(Map.of("model", model, "stream", true));
    try (Http.Streamed res =
            call(() -> Http.stream("POST", uri("/api/pull"), body, Map.of(), null));
        BufferedReader r =
            new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
      String line;
      boolean success = false;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        if (n.hasNonNull("error")) {
          throw new IOException(n.get("error").asText());
        }
        PullStatus s =
            new PullStatus(
                n.path("status").asText(),
                n.path("digest").asText(null),
                n.path("total").asLong(),
                n.path("completed").asLong());
        success |= "success".equals(s.status());
        progress.accept(s);
      }
      if (res.status() / 100 != 2) {
        throw new IOException("HTTP " + res.status());
      }
      if (!success) {
        throw new IOException("pull of " + model + " ended without success");
      }
    }
  }

  /** Deletes a model; false when Ollama does not have it (already converged). */
  public boolean delete(String model) throws IOException {
    byte[] body = JSON.writeValueAsBytes(Map.of("model", model));
    Http.Response res =
        call(() -> Http.send("DELETE", uri("/api/delete"), body, Map.of(), Duration.ofSeconds(30)));
    if (res.status() == 404) {
      return false;
    }
    if (!res.ok()) {
      throw new IOException(errorText(res.text(), res.status()));
    }
    return true;
  }

  private JsonNode get(String path, Duration timeout) throws IOException {
    Http.Response res = call(() -> Http.get(uri(path), timeout, Map.of()));
    if (!res.ok()) {
      throw new IOException(errorText(res.text(), res.status()));
    }
    return JSON.readTree(res.body());
  }

  private URI uri(String path) throws IOException {
    try {
      return URI.create(baseUrl + path);
    } catch (IllegalArgumentException e) {
      throw new IOException("not a URL: " + baseUrl, e);
    }
  }

  private interface Call<T> {
    T run() throws IOException;
  }

  private <T> T call(Call<T> call) throws IOException {
    try {
      return call.run();
    } catch (IOException e) {
      // The JDK's connect errors often have no message: say where and what.
      String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new IOException("cannot reach Ollama at " + baseUrl + ": " + what, e);
    }
  }

  private static String errorText(String body, int status) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.hasNonNull("error")) {
        return n.get("error").asText();
      }
    } catch (IOException ignored) {
      // not JSON: fall through to the status
    }
    return "HTTP " + status;
  }
}
