package dev.ollamastack.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Http} against the JDK's own HTTP server on a loopback port. */
class HttpTest {
  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/echo",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          seen.add(
              ex.getRequestMethod()
                  + " "
                  + body
                  + " "
                  + ex.getRequestHeaders().getFirst("Content-Type")
                  + " "
                  + ex.getRequestHeaders().getFirst("Authorization"));
          ex.getResponseHeaders().add("Content-Type", "application/json");
          reply(ex, 200, "{\"ok\":true}");
        });
    server.createContext("/missing", ex -> reply(ex, 404, "{\"error\":\"model not found\"}"));
    server.createContext(
        "/redirect",
        ex -> {
          ex.getResponseHeaders().add("Location", "/echo");
          reply(ex, 302, "");
        });
    server.createContext(
        "/stream",
        ex -> {
          ex.sendResponseHeaders(200, 0);
          try (OutputStream out = ex.getResponseBody()) {
            out.write("{\"status\":\"pulling\"}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            await(release);
            out.write("{\"status\":\"success\"}\n".getBytes(StandardCharsets.UTF_8));
          }
        });
    server.createContext(
        "/hang",
        ex -> {
          await(release);
          reply(ex, 200, "late");
        });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void getReadsStatusAndBody() throws IOException {
    Http.Response res = Http.get(uri("/echo"), Duration.ofSeconds(5), Map.of());
    assertThat(res.ok()).isTrue();
    assertThat(res.text()).isEqualTo("{\"ok\":true}");
    assertThat(res.header("CONTENT-TYPE")).contains("application/json");
    assertThat(res.header("X-Missing")).isEmpty();
    assertThat(seen).containsExactly("GET  null null");
  }

  @Test
  void aJsonBodyAndHeadersAreSentWithAnyMethod() throws IOException {
    Http.Response res =
        Http.send(
            "DELETE",
            uri("/echo"),
            "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8),
            Map.of("Authorization", "Bearer k"),
            Duration.ofSeconds(5));
    assertThat(res.status()).isEqualTo(200);
    assertThat(seen).containsExactly("DELETE {\"model\":\"m\"} application/json Bearer k");
  }

  @Test
  void anErrorStatusKeepsItsBody() throws IOException {
    Http.Response res = Http.get(uri("/missing"), Duration.ofSeconds(5), Map.of());
    assertThat(res.ok()).isFalse();
    assertThat(res.status()).isEqualTo(404);
    assertThat(res.text()).contains("model not found");
  }

  @Test
  void redirectsAreNotFollowed() throws IOException {
    assertThat(Http.get(uri("/redirect"), Duration.ofSeconds(5), Map.of()).status()).isEqualTo(302);
    assertThat(seen).isEmpty();
  }

  @Test
  void aStreamedAnswerIsReadAsItArrives() throws IOException {
    try (Http.Streamed s = Http.stream("POST", uri("/stream"), new byte[0], Map.of(), null)) {
      assertThat(s.status()).isEqualTo(200);
      var reader =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(s.body(), StandardCharsets.UTF_8));
      // the server holds the second line until the first has been read here
      assertThat(reader.readLine()).contains("pulling");
      release.countDown();
      assertThat(reader.readLine()).contains("success");
    }
  }

  @Test
  void aSilentServerIsBoundedByTheTimeout() {
    assertThatThrownBy(() -> Http.get(uri("/hang"), Duration.ofMillis(200), Map.of()))
        .isInstanceOf(java.net.SocketTimeoutException.class);
  }

  @Test
  void nothingListeningIsAnIoException() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThatThrownBy(
            () ->
                Http.get(
                    URI.create("http://127.0.0.1:" + port + "/"), Duration.ofSeconds(2), Map.of()))
        .isInstanceOf(IOException.class);
    assertThat(new HttpProbe().httpOk("http://127.0.0.1:" + port + "/", Duration.ofSeconds(1)))
        .isFalse();
  }

  @Test
  void aRefusedConnectionIsNotConnected() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port + "/");
    assertThatThrownBy(() -> Http.get(closed, Duration.ofMillis(500), Duration.ofSeconds(1)))
        .isInstanceOf(Http.NotConnected.class);
    assertThat(
            new HttpProbe().reach(closed.toString(), Duration.ofMillis(500), Duration.ofSeconds(1)))
        .isEqualTo(HttpProbe.Reach.CLOSED);
  }

  @Test
  void reachTellsOkFromAnAnswerThatIsNot() {
    HttpProbe probe = new HttpProbe();
    Duration connect = Duration.ofMillis(500);
    assertThat(probe.reach(uri("/echo").toString(), connect, Duration.ofSeconds(5)))
        .isEqualTo(HttpProbe.Reach.OK);
    assertThat(probe.reach(uri("/missing").toString(), connect, Duration.ofSeconds(5)))
        .isEqualTo(HttpProbe.Reach.ACCEPTED);
    // accepted, then silent past the read timeout (the server holds until the test ends)
    assertThat(probe.reach(uri("/hang").toString(), connect, Duration.ofMillis(200)))
        .isEqualTo(HttpProbe.Reach.ACCEPTED);
  }

  @Test
  void reachAsksOnOneConnection() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      java.util.concurrent.atomic.AtomicInteger accepted =
          new java.util.concurrent.atomic.AtomicInteger();
      Thread server =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      while (true) {
                        try (java.net.Socket c = s.accept()) {
                          accepted.incrementAndGet();
                          var in =
                              new java.io.BufferedReader(
                                  new java.io.InputStreamReader(
                                      c.getInputStream(), StandardCharsets.US_ASCII));
                          String line;
                          while ((line = in.readLine()) != null && !line.isEmpty()) {
                            // the request's head; a GET has no body
                          }
                          c.getOutputStream()
                              .write(
                                  "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                      .getBytes(StandardCharsets.US_ASCII));
                        }
                      }
                    } catch (IOException closed) {
                      // the socket closed at the end of the test
                    }
                  });
      String url = "http://127.0.0.1:" + s.getLocalPort() + "/health";
      assertThat(new HttpProbe().reach(url, Duration.ofMillis(500), Duration.ofSeconds(5)))
          .isEqualTo(HttpProbe.Reach.OK);
      assertThat(accepted).hasValue(1);
      s.close();
      server.join();
    }
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
