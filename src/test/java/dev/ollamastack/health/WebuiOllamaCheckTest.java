package dev.ollamastack.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.health.EndToEndCheck.Verdict;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeOllama;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The webui ↔ Ollama check: Open WebUI's {@code /ollama/api/tags} proxy with an admin key, else
 * {@code curl} inside its container; every decision over a fake Open WebUI, a fake Ollama and a
 * fake engine's exec.
 */
class WebuiOllamaCheckTest {
  static final String KEY = "sk-admin-test";
  static final String INSIDE_URL = "http://ollama-stack-ollama:11434";
  // generous: only the held proxy below waits for a timeout, and it never answers at all
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  final FakeDockerEngine engine = new FakeDockerEngine();
  final FakeOllama ollama;
  final FakeWebui webui;
  final String webuiId;
  final List<List<String>> execs = new ArrayList<>();
  volatile ExecResult inside;

  WebuiOllamaCheckTest() throws IOException {
    ollama = new FakeOllama().has("llama3.2:1b", 10).has("nomic-embed-text:latest", 20);
    webui = new FakeWebui();
    webuiId = engine.addContainer("ollama-stack-webui", "open-webui", Map.of(), "running");
  }

  @BeforeEach
  void insideAnswersLikeOllama() {
    inside = new ExecResult(0, tags("llama3.2:1b", "nomic-embed-text:latest"));
    engine.execHandler =
        (name, cmd) -> {
          synchronized (execs) {
            execs.add(cmd);
          }
          return inside;
        };
  }

  @AfterEach
  void close() {
    webui.close();
    ollama.close();
  }

  EndToEndTargets.Webui target(String adminKey) {
    return new EndToEndTargets.Webui(
        "ollama-stack-webui", webuiId, INSIDE_URL, webui.url(), adminKey, ollama.url());
  }

  EndToEndCheck check(String adminKey) {
    return new WebuiOllamaCheck(engine, TIMEOUT).run(target(adminKey));
  }

  static String tags(String... models) {
    StringBuilder sb = new StringBuilder("{\"models\":[");
    for (int i = 0; i < models.length; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"name\":\"")
          .append(models[i])
          .append("\",\"model\":\"")
          .append(models[i])
          .append("\",\"size\":1,\"urls\":[0],\"connection_type\":\"local\"}");
    }
    return sb.append("]}").toString();
  }

  @Test
  void proxyListingEveryModelOfOllamaPassesWithoutRunningAnythingInTheContainer() {
    webui.answer(200, tags("nomic-embed-text:latest", "llama3.2:1b", "gpt-4o"));
    EndToEndCheck c = check(KEY);
    assertThat(c.status()).isEqualTo(Verdict.PASS);
    assertThat(c.detail())
        .isEqualTo("Open WebUI lists all of Ollama's 2 models through its /ollama proxy");
    assertThat(webui.authorizations()).containsExactly("Bearer " + KEY);
    assertThat(execs).isEmpty();
  }

  @Test
  void proxyListingNoneOfOllamasModelsFailsWithTheStoredUrlHint() {
    // Open WebUI answers 200 and an empty list when it reaches no Ollama
    webui.answer(200, "{\"models\":[]}");
    EndToEndCheck c = check(KEY);
    assertThat(c.status()).isEqualTo(Verdict.FAIL);
    assertThat(c.detail())
        .isEqualTo(
            "Open WebUI lists none of Ollama's 2 models through its /ollama proxy: it does not"
                + " reach this Ollama");
    assertThat(c.hint())
        .contains("keeps the Ollama URL of its first start", "should be " + INSIDE_URL);
  }

  @Test
  void proxyListingSomeModelsFailsNamingTheMissingOnes() {
    webui.answer(200, tags("llama3.2:1b"));
    EndToEndCheck c = check(KEY);
    assertThat(c.status()).isEqualTo(Verdict.FAIL);
    assertThat(c.detail())
        .isEqualTo("Open WebUI lists 1 of Ollama's 2 models; missing: nomic-embed-text:latest");
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void refusedKeyIsCheckedInsideTheContainerAndWarnsAboutTheKey(int status) {
    webui.answer(status, "{\"detail\":\"Not authenticated\"}");
    EndToEndCheck c = check(KEY);
    assertThat(c.status()).isEqualTo(Verdict.WARN);
    assertThat(c.detail())
        .startsWith("Open WebUI's container reaches Ollama at " + INSIDE_URL + " (2 models")
        .endsWith("Open WebUI refused WEBUI_ADMIN_API_KEY (HTTP " + status + ")");
    assertThat(c.hint()).contains("ollama-stack secrets set WEBUI_ADMIN_API_KEY");
    assertThat(execs)
        .containsExactly(List.of("curl", "-fsS", "--max-time", "5", INSIDE_URL + "/api/tags"));
  }

  @Test
  void withoutAKeyTheCheckRunsInsideTheContainerAndPasses() {
    EndToEndCheck c = check(null);
    assertThat(c.status()).isEqualTo(Verdict.PASS);
    assertThat(c.detail())
        .isEqualTo(
            "Open WebUI's container reaches Ollama at "
                + INSIDE_URL
                + " (2 models, as Ollama lists); its /ollama proxy needs a user: no"
                + " WEBUI_ADMIN_API_KEY is stored");
    assertThat(webui.authorizations()).isEmpty();
  }

  @Test
  void aProxyThatDoesNotAnswerInTimeIsDecidedInside() {
    webui.hold();
    inside = new ExecResult(28, "curl: (28) Operation timed out after 1001 milliseconds");
    EndToEndCheck c = new WebuiOllamaCheck(engine, Duration.ofMillis(300)).run(target(KEY));
    assertThat(c.status()).isEqualTo(Verdict.FAIL);
    assertThat(c.detail())
        .isEqualTo(
            "Open WebUI cannot reach Ollama at "
                + INSIDE_URL
                + "/api/tags from inside its container: curl: (28) Operation timed out after 1001"
                + " milliseconds");
    assertThat(c.hint()).contains("stack network", "ollama-stack apply");
  }

  @Test
  void aContainerOffTheNetworkFailsWithCurlsWords() {
    inside = new ExecResult(6, "curl: (6) Could not resolve host: ollama-stack-ollama");
    EndToEndCheck c = check(null);
    assertThat(c.status()).isEqualTo(Verdict.FAIL);
    assertThat(c.detail())
        .endsWith(
            "from inside its container: curl: (6) Could not resolve host: ollama-stack-ollama");
  }

  @Test
  void anImageWithoutCurlIsAWarningNotAFailure() {
    inside = new ExecResult(127, "exec: \"curl\": executable file not found in $PATH");
    EndToEndCheck c = check(null);
    assertThat(c.status()).isEqualTo(Verdict.WARN);
    assertThat(c.detail()).startsWith("not checked: the webui image has no curl");
  }

  @Test
  void anotherOllamaInsideIsNotTheStacksOne() {
    inside = new ExecResult(0, tags("llama3.2:1b"));
    EndToEndCheck c = check(null);
    assertThat(c.status()).isEqualTo(Verdict.FAIL);
    assertThat(c.detail()).contains("lacks nomic-embed-text:latest", "not the stack's Ollama");
  }

  @Test
  void anEmptyListProvesNothingWhenOllamaHasNoModelsEither() throws IOException {
    try (FakeOllama empty = new FakeOllama()) {
      webui.answer(200, "{\"models\":[]}");
      inside = new ExecResult(0, "{\"models\":[]}");
      EndToEndCheck c =
          new WebuiOllamaCheck(engine, TIMEOUT)
              .run(
                  new EndToEndTargets.Webui(
                      "ollama-stack-webui", webuiId, INSIDE_URL, webui.url(), KEY, empty.url()));
      assertThat(c.status()).isEqualTo(Verdict.PASS);
      assertThat(c.detail())
          .startsWith("Open WebUI's container reaches Ollama at " + INSIDE_URL + " (0 models")
          .contains("also its answer when it reaches no Ollama");
      assertThat(execs).hasSize(1);
    }
  }

  @Test
  void aStoppedWebuiIsSkipped() {
    EndToEndCheck c =
        new WebuiOllamaCheck(engine, TIMEOUT)
            .run(
                new EndToEndTargets.Webui(
                    "ollama-stack-webui", null, INSIDE_URL, webui.url(), KEY, ollama.url()));
    assertThat(c.status()).isEqualTo(Verdict.SKIP);
    assertThat(execs).isEmpty();
  }

  @Test
  void theGateTriesAFailingCheckAgain() {
    // Open WebUI's model list is cached for about a second: a model pulled by the same apply
    webui.answer(200, tags("llama3.2:1b"));
    webui.answer(200, tags("llama3.2:1b", "nomic-embed-text:latest"));
    List<EndToEndCheck> checks =
        EndToEnd.REAL.run(
            new EndToEndTargets(target(KEY), null, null),
            engine,
            new EndToEnd.Budget(TIMEOUT, 3, Duration.ZERO));
    assertThat(checks).singleElement().extracting(EndToEndCheck::status).isEqualTo(Verdict.PASS);
    assertThat(webui.requests()).isEqualTo(2);
  }

  /** Open WebUI's {@code /ollama/api/tags}: queued answers (the last one repeats), or none. */
  static final class FakeWebui implements AutoCloseable {
    private final HttpServer server;
    private final Deque<String[]> answers = new ArrayDeque<>();
    private final List<String> auth = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean held;

    FakeWebui() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.createContext(WebuiOllamaCheck.PROXY_PATH, this::handle);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized void answer(int status, String body) {
      answers.add(new String[] {String.valueOf(status), body});
    }

    /** Never answers (until closed): the client's timeout is what ends the request. */
    void hold() {
      held = true;
    }

    synchronized List<String> authorizations() {
      return List.copyOf(auth);
    }

    int requests() {
      return requests.get();
    }

    private void handle(HttpExchange ex) throws IOException {
      requests.incrementAndGet();
      String[] a;
      synchronized (this) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h != null) {
          auth.add(h);
        }
        a = answers.size() > 1 ? answers.poll() : answers.peek();
      }
      if (held) {
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        ex.close();
        return;
      }
      byte[] b = (a == null ? "{\"detail\":\"Not Found\"}" : a[1]).getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(a == null ? 404 : Integer.parseInt(a[0]), b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    }

    @Override
    public void close() {
      released.countDown();
      server.stop(0);
    }
  }
}
