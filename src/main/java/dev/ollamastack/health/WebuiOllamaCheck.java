package dev.ollamastack.health;

import static dev.ollamastack.health.EndToEndCheck.WEBUI_OLLAMA;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.health.EndToEndTargets.Webui;
import dev.ollamastack.model.ObservedModel;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Open WebUI reaches Ollama: the models it lists are the ones Ollama lists.
 *
 * <p>The route, from Open WebUI's sources ({@code backend/open_webui/routers/ollama.py}, mounted at
 * {@code /ollama}; {@code utils/auth.py}): {@code GET /ollama/api/tags} is Open WebUI's own proxy
 * of Ollama's model list, the one its model picker uses, and it needs a verified user ({@code
 * get_verified_user}): no token answers 403 "Not authenticated", a key it does not know 401. {@code
 * WEBUI_AUTH=False} does not lift that (the browser then signs in as a default admin and still
 * sends a token). The tool has a credential only when the user stored an admin's API key as {@code
 * WEBUI_ADMIN_API_KEY} (the key {@code apply} also updates tool servers with); the stack configures
 * no user, no auth mode and no key of its own. So:
 *
 * <ol>
 *   <li>with that key and a published port, the proxy is asked; its list must hold every model
 *       Ollama lists. It answers 200 with an empty list when it cannot reach Ollama, so an empty
 *       list proves nothing when Ollama has no models either: then step 2 decides;
 *   <li>otherwise (no key, key refused, no port, no answer) the check runs inside the webui
 *       container, where Open WebUI connects from: {@code curl} of its {@code OLLAMA_BASE_URL}
 *       {@code /api/tags} (the seam {@code apply} already uses for a native or external Ollama).
 *       That proves the network path and the Ollama at the end of it, not the URL Open WebUI stored
 *       in its database at its first start, which only the proxy route sees.
 * </ol>
 */
public final class WebuiOllamaCheck {
  static final String PROXY_PATH = "/ollama/api/tags";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NETWORK_HINT =
      "Open WebUI must share the stack network with Ollama: run 'ollama-stack apply' (it"
          + " reconnects a container taken off it), and see 'ollama-stack logs webui'";
  private static final String STORED_URL_HINT =
      "Open WebUI keeps the Ollama URL of its first start in its database: in Admin Settings →"
          + " Connections → Ollama it should be ";

  private final DockerEngine engine;
  private final Duration timeout;

  WebuiOllamaCheck(DockerEngine engine, Duration timeout) {
    this.engine = engine;
    this.timeout = timeout;
  }

  /** How the proxy route ended. */
  sealed interface ProxyAnswer {
    record Listed(List<String> models) implements ProxyAnswer {}

    record Refused(int status) implements ProxyAnswer {}

    record NoAnswer(String why) implements ProxyAnswer {}
  }

  EndToEndCheck run(Webui w) {
    if (!w.running()) {
      return EndToEndCheck.skip(WEBUI_OLLAMA, "webui is not running", null);
    }
    if (w.adminKey() == null || w.hostUrl() == null) {
      String note =
          w.adminKey() == null
              ? "its /ollama proxy needs a user: no WEBUI_ADMIN_API_KEY is stored"
              : "webui publishes no port";
      // Ollama's own list and the container's view are independent: asked at once, the check
      // costs the command inside the container, not the sum (status waits for the slowest check)
      FutureTask<List<String>> ollamas = new FutureTask<>(() -> ollamaModels(w.ollamaFromHost()));
      Thread.ofVirtual().start(ollamas);
      return inside(w, () -> await(ollamas), note, false);
    }
    List<String> expected = ollamaModels(w.ollamaFromHost());
    String note;
    boolean refused = false;
    ProxyAnswer a = askProxy(w.hostUrl(), w.adminKey());
    switch (a) {
      case ProxyAnswer.Listed l -> {
        if (expected != null && !expected.isEmpty()) {
          return compare(expected, l.models(), w.ollamaUrl());
        }
        if (expected == null && !l.models().isEmpty()) {
          return EndToEndCheck.pass(
              WEBUI_OLLAMA,
              "Open WebUI lists " + count(l.models().size()) + " through its /ollama proxy");
        }
        note =
            l.models().isEmpty()
                ? "its /ollama proxy lists no models, also its answer when it reaches no Ollama"
                : "Ollama lists no models yet, so the list of its /ollama proxy proves nothing";
      }
      case ProxyAnswer.Refused r -> {
        refused = true;
        note = "Open WebUI refused WEBUI_ADMIN_API_KEY (HTTP " + r.status() + ")";
      }
      case ProxyAnswer.NoAnswer n -> note = "its /ollama proxy did not answer: " + n.why();
    }
    return inside(w, () -> expected, note, refused);
  }

  /** Every model Ollama lists must be in webui's list (it may list more: other connections). */
  static EndToEndCheck compare(List<String> expected, List<String> seen, String ollamaUrl) {
    Set<String> missing = new LinkedHashSet<>(expected);
    seen.forEach(missing::remove);
    if (missing.isEmpty()) {
      return EndToEndCheck.pass(
          WEBUI_OLLAMA,
          "Open WebUI lists all of Ollama's "
              + count(expected.size())
              + " through its /ollama proxy");
    }
    String hint =
        STORED_URL_HINT + ollamaUrl + "; 'ollama-stack logs webui' shows its connection errors";
    if (missing.size() == expected.size()) {
      return EndToEndCheck.fail(
          WEBUI_OLLAMA,
          "Open WebUI lists none of Ollama's "
              + count(expected.size())
              + " through its /ollama proxy: it does not reach this Ollama",
          hint);
    }
    return EndToEndCheck.fail(
        WEBUI_OLLAMA,
        "Open WebUI lists "
            + (expected.size() - missing.size())
            + " of Ollama's "
            + count(expected.size())
            + "; missing: "
            + String.join(", ", missing),
        hint);
  }

  ProxyAnswer askProxy(String hostUrl, String adminKey) {
    Http.Response res;
    try {
      res =
          Http.get(
              URI.create(hostUrl + PROXY_PATH),
              timeout,
              Map.of("Authorization", "Bearer " + adminKey));
    } catch (SocketTimeoutException e) {
      return new ProxyAnswer.NoAnswer("no answer within " + secs(timeout) + "s");
    } catch (IOException | IllegalArgumentException e) {
      return new ProxyAnswer.NoAnswer(
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    if (res.status() == 401 || res.status() == 403) {
      return new ProxyAnswer.Refused(res.status());
    }
    if (!res.ok()) {
      return new ProxyAnswer.NoAnswer("HTTP " + res.status());
    }
    try {
      return new ProxyAnswer.Listed(modelNames(res.text()));
    } catch (IOException e) {
      return new ProxyAnswer.NoAnswer("its answer is not a model list");
    }
  }

  /** From inside the webui container, where Open WebUI connects from. */
  private EndToEndCheck inside(
      Webui w, Supplier<List<String>> expected, String note, boolean refused) {
    String url = trim(w.ollamaUrl()) + "/api/tags";
    ExecResult r;
    try {
      r = engine.exec(w.id(), insideCommand(w.ollamaUrl(), timeout), insideWait(timeout));
    } catch (EngineException e) {
      return EndToEndCheck.warn(
          WEBUI_OLLAMA,
          "not checked: Docker could not run a command in webui: " + e.getMessage(),
          "run 'ollama-stack check' again; see 'ollama-stack status'");
    }
    return insideVerdict(r, url, expected.get(), note, refused);
  }

  /**
   * The command run inside webui's container for Ollama at {@code ollamaUrl} (as Open WebUI is
   * configured with it); {@code status} starts it early with {@link DockerEngine#startExec}.
   */
  public static List<String> insideCommand(String ollamaUrl, Duration timeout) {
    return List.of(
        "curl", "-fsS", "--max-time", String.valueOf(secs(timeout)), trim(ollamaUrl) + "/api/tags");
  }

  /** How long the tool waits for {@link #insideCommand}: its own limit and Docker's overhead. */
  public static Duration insideWait(Duration timeout) {
    return timeout.plusSeconds(5);
  }

  /** The verdict of the in-container route, from what {@code curl} printed. */
  static EndToEndCheck insideVerdict(
      ExecResult r, String url, List<String> expected, String note, boolean refused) {
    if (r.exitCode() == 126 || r.exitCode() == 127) {
      return EndToEndCheck.warn(
          WEBUI_OLLAMA,
          "not checked: the webui image has no curl, and " + note,
          "store an Open WebUI admin's API key: ollama-stack secrets set WEBUI_ADMIN_API_KEY");
    }
    if (!r.ok()) {
      return EndToEndCheck.fail(
          WEBUI_OLLAMA,
          "Open WebUI cannot reach Ollama at " + url + " from inside its container: " + last(r),
          NETWORK_HINT);
    }
    List<String> seen;
    try {
      seen = modelNames(r.output());
    } catch (IOException e) {
      return EndToEndCheck.fail(
          WEBUI_OLLAMA,
          url + " answers Open WebUI's container, but not with Ollama's model list",
          "Open WebUI's OLLAMA_BASE_URL must name Ollama; see 'ollama-stack plan'");
    }
    if (expected != null) {
      Set<String> missing = new LinkedHashSet<>(expected);
      seen.forEach(missing::remove);
      if (!missing.isEmpty()) {
        return EndToEndCheck.fail(
            WEBUI_OLLAMA,
            "the Ollama at "
                + url
                + " that Open WebUI's container reaches lacks "
                + String.join(", ", missing)
                + ": it is not the stack's Ollama",
            "check spec.services.ollama (mode, url) and 'ollama-stack plan'");
      }
    }
    String found =
        "Open WebUI's container reaches Ollama at "
            + trim(url.substring(0, url.length() - "/api/tags".length()))
            + " ("
            + count(seen.size())
            + (expected == null ? "" : ", as Ollama lists")
            + "); "
            + note;
    if (refused) {
      return EndToEndCheck.warn(
          WEBUI_OLLAMA,
          found,
          "store a current admin API key: ollama-stack secrets set WEBUI_ADMIN_API_KEY");
    }
    return EndToEndCheck.pass(WEBUI_OLLAMA, found);
  }

  /** The {@code model} of each entry of an Ollama-style list (Open WebUI's proxy adds fields). */
  static List<String> modelNames(String json) throws IOException {
    JsonNode models = JSON.readTree(json).path("models");
    if (!models.isArray()) {
      throw new IOException("no models list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode m : models) {
      String id = m.path("model").asText(m.path("name").asText(""));
      if (!id.isEmpty()) {
        out.add(id);
      }
    }
    return out;
  }

  private static List<String> await(FutureTask<List<String>> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException e) {
      return null; // ollamaModels answers null itself for what it can catch
    }
  }

  /** Ollama's own list, from the host; {@code null} when it cannot be asked. */
  private List<String> ollamaModels(String url) {
    if (url == null) {
      return null;
    }
    try {
      return new OllamaClient(url).tags(timeout).stream().map(ObservedModel::name).toList();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String last(ExecResult r) {
    String out = r.output().strip();
    if (out.isEmpty()) {
      return "curl exit code " + r.exitCode();
    }
    String[] lines = out.split("\n");
    return lines[lines.length - 1].strip();
  }

  static String count(int n) {
    return n == 1 ? "1 model" : n + " models";
  }

  private static String trim(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  static long secs(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
