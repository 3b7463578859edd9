package dev.ollamastack.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.model.ObservedModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The parts of Ollama's HTTP API the tool uses: {@code /api/version}, {@code /api/tags}, streaming
 * {@code POST /api/pull} and {@code DELETE /api/delete}. Errors carry Ollama's own text.
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

  /** Pulls a model, streaming progress; throws with Ollama's error text when the pull fails. */
  public void pull(String model, Consumer<PullStatus> progress) throws IOException {
    byte[] body = JSON.writeValueAsBytes(Map.of("model", model, "stream", true));
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/pull"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<InputStream> res = send(req, HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader r =
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
      if (res.statusCode() / 100 != 2) {
        throw new IOException("HTTP " + res.statusCode());
      }
      if (!success) {
        throw new IOException("pull of " + model + " ended without success");
      }
    }
  }

  /** Deletes a model; false when Ollama does not have it (already converged). */
  public boolean delete(String model) throws IOException {
    byte[] body = JSON.writeValueAsBytes(Map.of("model", model));
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/delete"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method("DELETE", HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> res = send(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() == 404) {
      return false;
    }
    if (res.statusCode() / 100 != 2) {
      throw new IOException(errorText(res.body(), res.statusCode()));
    }
    return true;
  }

  private JsonNode get(String path, Duration timeout) throws IOException {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).GET().build();
    HttpResponse<String> res = send(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() / 100 != 2) {
      throw new IOException(errorText(res.body(), res.statusCode()));
    }
    return JSON.readTree(res.body());
  }

  private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    try {
      return HttpClients.forUri(req.uri()).send(req, handler);
    } catch (IOException e) {
      // The JDK's connect errors often have no message: say where and what.
      String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new IOException("cannot reach Ollama at " + baseUrl + ": " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
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
