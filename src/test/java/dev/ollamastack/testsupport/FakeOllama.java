package dev.ollamastack.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Ollama's HTTP API as far as the tool uses it, on a random local port (JDK {@link HttpServer}):
 * {@code /api/version}, {@code /api/tags}, streaming NDJSON {@code POST /api/pull} (two layers,
 * then {@code success}; an {@code {"error":…}} line after HTTP 200 for models it does not know,
 * like the real server), {@code DELETE /api/delete} (404 for unknown models), {@code POST
 * /api/generate} without a prompt (loads a present model, {@code keep_alive: 0} unloads it; 404 for
 * unknown models) and {@code GET /api/ps} (the loaded ones, on CPU: {@code size_vram} 0).
 */
public final class FakeOllama implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, Long> present = new ConcurrentHashMap<>();
  private final Map<String, Long> registry = new ConcurrentHashMap<>();
  private final List<String> requests = new ArrayList<>();
  private final Map<String, String> loaded = new ConcurrentHashMap<>();
  private final Map<String, String> loadErrors = new ConcurrentHashMap<>();
  private volatile long vramPercent;
  // The version of each model upstream and here: the digest Ollama reports follows it.
  private final Map<String, Integer> upstream = new ConcurrentHashMap<>();
  private final Map<String, Integer> local = new ConcurrentHashMap<>();

  public FakeOllama() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/api/version", ex -> reply(ex, 200, "{\"version\":\"0.9.0-fake\"}"));
    server.createContext("/api/tags", this::tags);
    server.createContext("/api/pull", this::pull);
    server.createContext("/api/delete", this::delete);
    server.createContext("/api/generate", this::generate);
    server.createContext("/api/ps", this::ps);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** A model the fake registry can pull, with its size in bytes. */
  public FakeOllama pullable(String model, long size) {
    registry.put(model, size);
    return this;
  }

  /** A model already present locally. */
  public FakeOllama has(String model, long size) {
    present.put(model, size);
    return this;
  }

  /** A new version of {@code model} is published upstream: its next pull changes its digest. */
  public FakeOllama republish(String model) {
    upstream.merge(model, 1, Integer::sum);
    return this;
  }

  /** The digest {@code /api/tags} reports for {@code model} now (hex, as Ollama gives it). */
  public String digest(String model) {
    return FakeImages.digest(model + "#" + local.getOrDefault(model, 0)).substring(7);
  }

  /**
   * Loading {@code model} fails with Ollama's {@code message} (HTTP 500), as when memory is short.
   */
  public FakeOllama loadFails(String model, String message) {
    loadErrors.put(model, message);
    return this;
  }

  /** A model already loaded, as after an earlier apply. */
  public FakeOllama loaded(String model) {
    loaded.put(model, "5m");
    return this;
  }

  /** Loaded models report this share of their size in VRAM (0: CPU, 100: GPU). */
  public FakeOllama vramPercent(long percent) {
    vramPercent = percent;
    return this;
  }

  /** Ollama restarted: it forgets every loaded model, keeps those on disk. */
  public FakeOllama restart() {
    loaded.clear();
    return this;
  }

  /** Loaded models → the keep_alive each was loaded with ({@code "(default)"} when none). */
  public Map<String, String> loadedModels() {
    return new TreeMap<>(loaded);
  }

  public Map<String, Long> models() {
    return new TreeMap<>(present);
  }

  /** Requests received, as {@code METHOD /path model}. */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void log(HttpExchange ex, String model) {
    synchronized (requests) {
      requests.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " " + model);
    }
  }

  private void tags(HttpExchange ex) throws IOException {
    var models = JSON.createArrayNode();
    new TreeMap<>(present)
        .forEach(
            (name, size) ->
                models
                    .addObject()
                    .put("name", name)
                    .put("model", name)
                    .put("size", size)
                    .put("digest", digest(name)));
    reply(ex, 200, JSON.createObjectNode().set("models", models).toString());
  }

  private void generate(HttpExchange ex) throws IOException {
    JsonNode req = body(ex);
    String model = req.path("model").asText();
    log(ex, model);
    String keepAlive = req.has("keep_alive") ? req.get("keep_alive").toString() : "(default)";
    String name = present.containsKey(model) ? model : model + ":latest";
    if (!present.containsKey(name)) {
      reply(ex, 404, "{\"error\":\"model '" + model + "' not found\"}");
      return;
    }
    if (loadErrors.containsKey(model)) {
      reply(ex, 500, JSON.createObjectNode().put("error", loadErrors.get(model)).toString());
      return;
    }
    boolean unload = "0".equals(keepAlive) || "\"0\"".equals(keepAlive);
    if (unload) {
      loaded.remove(name);
    } else {
      loaded.put(name, keepAlive);
    }
    reply(
        ex,
        200,
        JSON.createObjectNode()
            .put("model", model)
            .put("response", "")
            .put("done", true)
            .put("done_reason", unload ? "unload" : "load")
            .toString());
  }

  private void ps(HttpExchange ex) throws IOException {
    log(ex, "-");
    var models = JSON.createArrayNode();
    new TreeMap<>(loaded)
        .keySet()
        .forEach(
            name -> {
              long size = present.getOrDefault(name, 0L);
              models
                  .addObject()
                  .put("name", name)
                  .put("model", name)
                  .put("size", size)
                  .put("digest", digest(name))
                  .put("expires_at", "2026-05-01T12:05:00Z")
                  .put("size_vram", size * vramPercent / 100);
            });
    reply(ex, 200, JSON.createObjectNode().set("models", models).toString());
  }

  private void pull(HttpExchange ex) throws IOException {
    String model = body(ex).path("model").asText();
    log(ex, model);
    ex.getResponseHeaders().add("Content-Type", "application/x-ndjson");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      line(out, "{\"status\":\"pulling manifest\"}");
      Long size = registry.get(model);
      if (size == null) {
        line(out, "{\"error\":\"pull model manifest: file does not exist\"}");
        return;
      }
      long big = size * 3 / 4;
      long small = size - big;
      for (int i = 0; i <= 4; i++) {
        layer(out, "sha256:aaaaaaaaaaaa1111", big, big * i / 4);
      }
      for (int i = 0; i <= 2; i++) {
        layer(out, "sha256:bbbbbbbbbbbb2222", small, small * i / 2);
      }
      line(out, "{\"status\":\"verifying sha256 digest\"}");
      line(out, "{\"status\":\"writing manifest\"}");
      present.put(model, size);
      local.put(model, upstream.getOrDefault(model, 0));
      line(out, "{\"status\":\"success\"}");
    }
  }

  private static void layer(OutputStream out, String digest, long total, long completed)
      throws IOException {
    var n = JSON.createObjectNode();
    n.put("status", "pulling " + digest.substring(7, 19)).put("digest", digest).put("total", total);
    if (completed > 0) {
      n.put("completed", completed); // Ollama omits zero values
    }
    line(out, n.toString());
  }

  private void delete(HttpExchange ex) throws IOException {
    String model = body(ex).path("model").asText();
    log(ex, model);
    if (present.remove(model) == null) {
      reply(ex, 404, "{\"error\":\"model '" + model + "' not found\"}");
    } else {
      ex.sendResponseHeaders(200, -1);
      ex.close();
    }
  }

  private static JsonNode body(HttpExchange ex) throws IOException {
    return JSON.readTree(ex.getRequestBody().readAllBytes());
  }

  private static void line(OutputStream out, String json) throws IOException {
    out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
