package dev.ollamastack.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class HttpClientsTest {
  @Test
  void oneSharedClientPerScheme() {
    HttpClient plain = HttpClients.forUri(URI.create("http://127.0.0.1:11434/api/version"));
    HttpClient tls = HttpClients.forUri(URI.create("https://ollama.example.com/api/version"));

    assertThat(HttpClients.forUri(URI.create("http://localhost:8080/health"))).isSameAs(plain);
    assertThat(HttpClients.forUri(URI.create("HTTPS://other.example.com/"))).isSameAs(tls);
    assertThat(plain).isNotSameAs(tls);
  }

  @Test
  void onlyTheHttpsClientUsesTheDefaultTrustStore() throws Exception {
    HttpClient plain = HttpClients.forUri(URI.create("http://127.0.0.1/"));
    HttpClient tls = HttpClients.forUri(URI.create("https://example.com/"));

    assertThat(plain.sslContext()).isNotSameAs(SSLContext.getDefault());
    assertThat(tls.sslContext()).isSameAs(SSLContext.getDefault());
  }
}
