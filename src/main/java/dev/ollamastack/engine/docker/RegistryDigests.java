package dev.ollamastack.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.ollamastack.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Which digest a tag points at in its registry, without pulling: the Engine API's distribution
 * inspect ({@code GET /distribution/{name}/json}, API 1.30+), which docker-java does not wrap. The
 * daemon asks the registry with its own settings (insecure registries, mirrors, proxies), as a pull
 * would, so the digest is the one a pull of the tag would record.
 *
 * <p>Credentials: those of {@code $DOCKER_CONFIG/config.json} ({@code auths}, as {@code docker
 * login} writes them) for the reference's registry, sent as {@code X-Registry-Auth} as docker-java
 * sends them with a pull. They are never part of a message.
 */
final class RegistryDigests {
  private final DockerHttpClient http;
  private final DockerClientConfig config;
  private final Failures failures;

  RegistryDigests(DockerHttpClient http, DockerClientConfig config, Failures failures) {
    this.http = http;
    this.config = config;
    this.failures = failures;
  }

  String digest(String reference) {
    String ref = ImagePull.withDefaultTag(reference);
    String what = "resolve " + ref + " in its registry";
    DockerHttpClient.Request.Builder request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.GET)
            .path("/distribution/" + ref + "/json");
    AuthConfig auth = config.effectiveAuthConfig(ref);
    if (auth != null) {
      request.putHeader("X-Registry-Auth", encode(auth));
    }
    return failures.call(
        what,
        () -> {
          try (DockerHttpClient.Response r = http.execute(request.build());
              InputStream body = r.getBody()) {
            JsonNode json = config.getObjectMapper().readTree(body.readAllBytes());
            if (r.getStatusCode() != 200) {
              String message = json == null ? "" : json.path("message").asText();
              throw new EngineException(what + ": " + message, r.getStatusCode(), null);
            }
            String digest = json.path("Descriptor").path("digest").asText("");
            if (!digest.startsWith("sha256:")) {
              throw new EngineException(what + ": the engine reported no digest", 0, null);
            }
            return digest;
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  // As docker-java encodes it for a pull: URL-safe base64 of the AuthConfig JSON.
  private String encode(AuthConfig auth) {
    try {
      byte[] json =
          config.getObjectMapper().writeValueAsString(auth).getBytes(StandardCharsets.UTF_8);
      return Base64.getUrlEncoder().encodeToString(json);
    } catch (IOException e) {
      throw new IllegalStateException("AuthConfig is always serialisable", e);
    }
  }
}
