package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Connects to the engine named by {@code DOCKER_HOST}, else the local socket, through docker-java's
 * zero-dependency transport.
 *
 * <p>No API version is pinned: docker-java then sends unversioned paths and the daemon answers with
 * its own version, so an older daemon (20.10, API 1.41) works as well as a current one.
 */
public final class DockerJavaEngineFactory implements EngineFactory {
  /** Where Docker listens when {@code DOCKER_HOST} is not set. */
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  // Short: a daemon that is down must be reported in seconds, not hang the CLI.
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private final Map<String, String> env;

  public DockerJavaEngineFactory(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The host this factory connects to. */
  public String host() {
    String host = env.get("DOCKER_HOST");
    return host == null || host.isBlank() ? DEFAULT_HOST : host.trim();
  }

  @Override
  public DockerEngine connect() {
    return new DockerJavaEngine(host(), client());
  }

  /**
   * A docker-java client of the daemon this factory connects to. Beside {@link #connect()}, for
   * test support that needs Docker beyond the {@code DockerEngine} port (image tags, exec).
   */
  public DockerClient client() {
    return client(host(), env);
  }

  /** A docker-java client for {@code host}; TLS settings come from {@code env} as Docker's CLI. */
  static DockerClient client(String host, Map<String, String> env) {
    DefaultDockerClientConfig.Builder config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host);
    String tlsVerify = env.get("DOCKER_TLS_VERIFY");
    boolean tls = tlsVerify != null && !tlsVerify.isEmpty() && !"0".equals(tlsVerify);
    config.withDockerTlsVerify(tls);
    if (tls && env.get("DOCKER_CERT_PATH") != null) {
      config.withDockerCertPath(env.get("DOCKER_CERT_PATH"));
    }
    DefaultDockerClientConfig built = config.build();
    // No response timeout: log follows, pulls and builds legitimately stay silent for minutes.
    ZerodepDockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(URI.create(host))
            .sslConfig(built.getSSLConfig())
            .connectionTimeout(CONNECT_TIMEOUT)
            .maxConnections(32)
            .build();
    return DockerClientImpl.getInstance(built, http);
  }
}
