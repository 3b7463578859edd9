package dev.ollamastack.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The JDK HTTP clients of the tool: one for {@code http://} and one for {@code https://}, each
 * built on first use and shared by every caller of the run.
 *
 * <p>Why: a JDK {@code HttpClient} built with the default TLS context parses the whole CA store
 * (~150 certificates) even if it only ever speaks plain HTTP to {@code 127.0.0.1}, and every client
 * starts a selector thread of its own. The services' host ports and a local Ollama are plain HTTP,
 * so their client gets a TLS context that trusts nothing and costs nothing; only an {@code
 * https://} URL (an external Ollama) pays for the CA store.
 */
public final class HttpClients {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static HttpClient plain;
  private static HttpClient tls;

  private HttpClients() {}

  /** The shared client for {@code uri}'s scheme. */
  public static HttpClient forUri(URI uri) {
    return "https".equalsIgnoreCase(uri.getScheme()) ? tls() : plain();
  }

  private static synchronized HttpClient plain() {
    if (plain == null) {
      plain = builder().sslContext(trustingNothing()).build();
    }
    return plain;
  }

  private static synchronized HttpClient tls() {
    if (tls == null) {
      tls = builder().build();
    }
    return tls;
  }

  private static HttpClient.Builder builder() {
    return HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .version(HttpClient.Version.HTTP_1_1);
  }

  // Empty (not null) manager arrays: the JDK then uses managers that refuse every peer instead of
  // loading the default trust store. The plain client never starts a TLS handshake anyway.
  private static SSLContext trustingNothing() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(new KeyManager[0], new TrustManager[0], null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no TLS context", e);
    }
  }
}
