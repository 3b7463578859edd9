package dev.ollamastack.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Readiness from the outside: an HTTP GET that must answer 2xx, else a bare TCP connect. */
public final class HttpProbe {
  /** True when {@code url} answers 2xx within the timeout. */
  public boolean httpOk(String url, Duration timeout) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
      HttpResponse<Void> res =
          HttpClients.forUri(req.uri()).send(req, HttpResponse.BodyHandlers.discarding());
      return res.statusCode() / 100 == 2;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
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
