package dev.ollamastack.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Readiness from the outside: an HTTP GET that must answer 2xx, else a bare TCP connect. */
public final class HttpProbe {
  // Built on first use: creating an HttpClient initialises TLS (~150 ms), which commands that
  // never probe (--version, plan) must not pay for.
  private HttpClient client;

  private synchronized HttpClient client() {
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(2))
              .version(HttpClient.Version.HTTP_1_1)
              .build();
    }
    return client;
  }

  /** True when {@code url} answers 2xx within the timeout. */
  public boolean httpOk(String url, Duration timeout) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
      HttpResponse<Void> res = client().send(req, HttpResponse.BodyHandlers.discarding());
      return res.statusCode() / 100 == 2;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The body of a 2xx answer to a GET of {@code url}, empty on anything else. */
  public java.util.Optional<String> body(String url, Duration timeout) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
      HttpResponse<String> res = client().send(req, HttpResponse.BodyHandlers.ofString());
      return res.statusCode() / 100 == 2
          ? java.util.Optional.of(res.body())
          : java.util.Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
    }
  }

  /** True when something accepts TCP connections on host:port. */
  public static boolean tcpOpen(String host, int port, Duration timeout) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
