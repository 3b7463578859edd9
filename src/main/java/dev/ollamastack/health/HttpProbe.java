package dev.ollamastack.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Readiness from the outside: an HTTP GET that must answer 2xx, else a bare TCP connect. */
public final class HttpProbe {
  /** True when {@code url} answers 2xx within the timeout. */
  public boolean httpOk(String url, Duration timeout) {
    return body(url, timeout).isPresent();
  }

  /** The body of a 2xx answer to a GET of {@code url}, empty on anything else. */
  public Optional<String> body(String url, Duration timeout) {
    try {
      Http.Response res = Http.get(URI.create(url), timeout, Map.of());
      return res.ok() ? Optional.of(res.text()) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** How one GET went. */
  public enum Reach {
    /** A 2xx answer. */
    OK,
    /** The connection was accepted; the answer was not 2xx, or did not come in time. */
    ACCEPTED,
    /** Nothing accepted the connection. */
    CLOSED
  }

  /**
   * One GET of {@code url}: what a bare TCP connect followed by the GET would tell, on one
   * connection. {@code connect} bounds the connect, {@code timeout} each read.
   */
  public Reach reach(String url, Duration connect, Duration timeout) {
    try {
      return Http.get(URI.create(url), connect, timeout).ok() ? Reach.OK : Reach.ACCEPTED;
    } catch (Http.NotConnected
        | Http.ConnectTimedOut
        | ConnectException
        | NoRouteToHostException e) {
      // the last two: a kept-alive connection that had closed, asked again on a new one
      return Reach.CLOSED;
    } catch (IOException e) {
      return Reach.ACCEPTED;
    } catch (IllegalArgumentException e) {
      return Reach.CLOSED;
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
