package dev.ollamastack.health;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tool's HTTP calls to the services (Ollama, Open WebUI, mcpo): the JDK's blocking {@link
 * HttpURLConnection}, with its keep-alive cache.
 *
 * <p>Why not {@code java.net.http.HttpClient}: its first request in a fresh JVM costs ~0.5 s of
 * start-up (a selector thread, the reactive stack, hundreds of classes and lambdas), which {@code
 * plan} and {@code status} paid on every run for a handful of GETs to {@code 127.0.0.1}; the same
 * first request here costs ~0.1 s (docs/startup.md). A TLS context, and with it the CA store, is
 * only set up for an {@code https://} URL.
 */
public final class Http {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private Http() {}

  /** An answer whose body has been read whole; header names in lower case. */
  public record Response(int status, byte[] body, Map<String, String> headers) {
    /** The first value of header {@code name}, any case. */
    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public boolean ok() {
      return status / 100 == 2;
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** An answer whose body is read as it arrives; close it to return the connection. */
  public static final class Streamed implements AutoCloseable {
    private final int status;
    private final InputStream body;
    private final Map<String, String> headers;

    Streamed(int status, InputStream body, Map<String, String> headers) {
      this.status = status;
      this.body = body;
      this.headers = headers;
    }

    public int status() {
      return status;
    }

    public InputStream body() {
      return body;
    }

    @Override
    public void close() throws IOException {
      body.close();
    }
  }

  /** Nothing accepted the connection (refused, unreachable); its message is the cause's. */
  public static final class NotConnected extends IOException {
    NotConnected(IOException cause) {
      super(
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(),
          cause);
    }
  }

  /** The connect timed out: still a {@link SocketTimeoutException}, as callers catch it. */
  public static final class ConnectTimedOut extends SocketTimeoutException {
    ConnectTimedOut(SocketTimeoutException cause) {
      super(cause.getMessage());
      initCause(cause);
    }
  }

  /** A GET; {@code timeout} bounds the connect and each read. */
  public static Response get(URI uri, Duration timeout, Map<String, String> headers)
      throws IOException {
    return send("GET", uri, null, headers, timeout);
  }

  /**
   * A GET whose connect has a bound of its own; a connection nothing accepted throws {@link
   * NotConnected} ({@link ConnectTimedOut} when the connect timed out), so one request tells a
   * closed port from one that answers wrong.
   */
  public static Response get(URI uri, Duration connect, Duration timeout) throws IOException {
    try (Streamed s = stream("GET", uri, null, Map.of(), connect, timeout)) {
      return new Response(s.status(), s.body().readAllBytes(), s.headers);
    }
  }

  /** A request with an optional JSON body, the whole answer read. */
  public static Response send(
      String method, URI uri, byte[] jsonBody, Map<String, String> headers, Duration timeout)
      throws IOException {
    try (Streamed s = stream(method, uri, jsonBody, headers, timeout)) {
      return new Response(s.status(), s.body().readAllBytes(), s.headers);
    }
  }

  /**
   * A request whose answer is streamed (Ollama's pull progress); {@code timeout} null = no bound on
   * the answer, only on the connect.
   */
  public static Streamed stream(
      String method, URI uri, byte[] jsonBody, Map<String, String> headers, Duration timeout)
      throws IOException {
    Duration connect =
        timeout != null && timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT;
    return stream(method, uri, jsonBody, headers, connect, timeout);
  }

  private static Streamed stream(
      String method,
      URI uri,
      byte[] jsonBody,
      Map<String, String> headers,
      Duration connect,
      Duration timeout)
      throws IOException {
    HttpURLConnection c;
    try {
      c = (HttpURLConnection) uri.toURL().openConnection();
    } catch (IllegalArgumentException e) {
      throw new IOException("not an HTTP URL: " + uri, e);
    }
    c.setConnectTimeout(millis(connect));
    c.setReadTimeout(timeout == null ? 0 : millis(timeout));
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    c.setRequestMethod(method);
    headers.forEach(c::setRequestProperty);
    if (jsonBody != null) {
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      c.setFixedLengthStreamingMode(jsonBody.length);
    }
    try {
      c.connect();
    } catch (SocketTimeoutException e) {
      c.disconnect();
      throw new ConnectTimedOut(e);
    } catch (IOException e) {
      c.disconnect();
      throw new NotConnected(e);
    }
    try {
      if (jsonBody != null) {
        try (OutputStream out = c.getOutputStream()) {
          out.write(jsonBody);
        }
      }
      int status = c.getResponseCode();
      InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
      Map<String, String> names = new HashMap<>();
      c.getHeaderFields()
          .forEach(
              (k, v) -> {
                if (k != null && !v.isEmpty()) {
                  names.put(k.toLowerCase(Locale.ROOT), v.get(0));
                }
              });
      return new Streamed(
          status, body == null ? new ByteArrayInputStream(new byte[0]) : body, Map.copyOf(names));
    } catch (IOException e) {
      c.disconnect();
      throw e;
    }
  }

  private static int millis(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
  }
}
