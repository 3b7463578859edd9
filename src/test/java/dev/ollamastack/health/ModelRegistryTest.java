package dev.ollamastack.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {
  @Test
  void namesAreReadAsOllamaReadsThem() {
    assertThat(ModelRegistry.ModelName.parse("llama3.2:1b").manifestUri())
        .hasToString("https://registry.ollama.ai/v2/library/llama3.2/manifests/1b");
    assertThat(ModelRegistry.ModelName.parse("me/tiny").manifestUri())
        .hasToString("https://registry.ollama.ai/v2/me/tiny/manifests/latest");
    assertThat(ModelRegistry.ModelName.parse("hf.co/bartowski/Llama-GGUF:Q4_K_M").manifestUri())
        .hasToString("https://hf.co/v2/bartowski/Llama-GGUF/manifests/Q4_K_M");
    assertThat(ModelRegistry.ModelName.parse("127.0.0.1:5000/library/tiny:v2").manifestUri())
        .as("plain HTTP on the loopback address only")
        .hasToString("http://127.0.0.1:5000/v2/library/tiny/manifests/v2");
    assertThat(ModelRegistry.ModelName.parse("localhost:5000/ns/tiny").manifestUri().getScheme())
        .isEqualTo("http");
    assertThat(ModelRegistry.ModelName.parse("tiny").full())
        .isEqualTo(ModelRegistry.ModelName.parse("library/tiny:latest").full());
  }

  @Test
  void theDigestIsTheHeaderElseTheBodysSha256AndAFailureNamesTheRegistry() throws Exception {
    byte[] body = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v2/",
        x -> {
          String path = x.getRequestURI().getPath();
          if (path.endsWith("/with-header/manifests/latest")) {
            x.getResponseHeaders().add("Docker-Content-Digest", "sha256:" + "ab".repeat(32));
          } else if (!path.endsWith("/plain/manifests/latest")) {
            x.sendResponseHeaders(404, -1);
            x.close();
            return;
          }
          x.sendResponseHeaders(200, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    server.start();
    try {
      String host = "127.0.0.1:" + server.getAddress().getPort();
      ModelRegistry registry = new ModelRegistry(Duration.ofSeconds(10));
      assertThat(registry.digest(host + "/library/with-header"))
          .isEqualTo("sha256:" + "ab".repeat(32));
      assertThat(registry.digest(host + "/library/plain:latest"))
          .isEqualTo(
              "sha256:"
                  + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
      assertThatThrownBy(() -> registry.digest(host + "/library/gone"))
          .isInstanceOf(IOException.class)
          .hasMessage(host + " answered HTTP 404 (no such model or tag)");
    } finally {
      server.stop(0);
    }
  }
}
