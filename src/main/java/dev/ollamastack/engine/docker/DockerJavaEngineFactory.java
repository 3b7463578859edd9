package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineFactory;
import dev.ollamastack.model.ToolException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * Connects to the engine the {@code docker} CLI would use ({@code DOCKER_HOST}, else the current
 * Docker context, else the local socket; see {@link DockerContexts}) through docker-java's
 * zero-dependency transport.
 *
 * <p>No API version is pinned: docker-java then sends unversioned paths and the daemon answers with
 * its own version, so an older daemon (20.10, API 1.41) works as well as a current one.
 */
public final class DockerJavaEngineFactory implements EngineFactory {
  /** Where Docker listens when neither {@code DOCKER_HOST} nor a context says otherwise. */
  public static final String DEFAULT_HOST = DockerContexts.DEFAULT_HOST;

  // Short: a daemon that is down must be reported in seconds, not hang the CLI.
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private final Map<String, String> env;

  public DockerJavaEngineFactory(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * The host this factory connects to.
   *
   * @throws dev.ollamastack.model.ToolException (exit 4) when the chosen context is unusable
   */
  public String host() {
    return endpoint().host();
  }

  // Resolved on each connect, not in the constructor: commands that never call Docker
  // (validate, init) must not fail on a broken context.
  DockerEndpoint endpoint() {
    return new DockerContexts(env).resolve();
  }

  @Override
  public DockerEngine connect() {
    DockerEndpoint endpoint = endpoint();
    // read by the first docker-java command (a write, a pull, logs): not by plan's reads
    LazyClientConfig config = new LazyClientConfig(() -> readConfig(endpoint));
    DockerHttpClient http = http(endpoint, config);
    Failures failures = new Failures(endpoint);
    return new DockerJavaEngine(
        endpoint,
        DockerClientImpl.getInstance(config, http),
        new RegistryDigests(http, config, failures),
        new EngineCalls(http, config.getObjectMapper(), endpoint, failures));
  }

  /**
   * A docker-java client of the daemon this factory connects to. Beside {@link #connect()}, for
   * test support that needs Docker beyond the {@code DockerEngine} port (image tags, exec).
   */
  public DockerClient client() {
    DockerEndpoint endpoint = endpoint();
    DefaultDockerClientConfig config = config(endpoint);
    return DockerClientImpl.getInstance(config, http(endpoint, config));
  }

  /** {@link #config}, a file docker-java cannot read being one line of what to fix (exit 4). */
  private DefaultDockerClientConfig readConfig(DockerEndpoint endpoint) {
    try {
      return config(endpoint);
    } catch (DockerClientException e) {
      throw ToolException.environment(
          "Docker's config: cannot read "
              + DockerContexts.configDir(env).resolve("config.json")
              + ": "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
          "fix or remove it ('docker context ls' reads it too)");
    }
  }

  /**
   * The client settings for {@code endpoint}: its TLS files, and registry credentials from the
   * {@code config.json} of this factory's environment ({@code DOCKER_CONFIG}, else {@code
   * ~/.docker}), which docker-java sends with every pull.
   */
  private DefaultDockerClientConfig config(DockerEndpoint endpoint) {
    DefaultDockerClientConfig.Builder config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(endpoint.host())
            .withDockerTlsVerify(endpoint.tlsVerify())
            .withDockerConfig(DockerContexts.configDir(env).toString());
    if (endpoint.certPath() != null) {
      config.withDockerCertPath(endpoint.certPath());
    }
    return config.build();
  }

  /**
   * A local socket file ({@code unix://}, {@code npipe://}) never speaks TLS, yet docker-java
   * builds a TLS strategy for every client, and without a context of ours that is the JVM's default
   * one: the CA store read and parsed on every run. Even {@code SSLContext.getInstance} loads the
   * JSSE provider (~5 ms in a fresh JVM). This context is no provider's and refuses every use, so a
   * use would fail loudly.
   */
  private static final SSLConfig NO_TLS_ON_A_SOCKET_FILE =
      DockerJavaEngineFactory::socketFileContext;

  static SSLContext socketFileContext() {
    return new SSLContext(new NoTls(), null, "none") {};
  }

  private static final class NoTls extends SSLContextSpi {
    private static IllegalStateException refused() {
      return new IllegalStateException("a Docker socket file never speaks TLS");
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
      throw refused();
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      throw refused();
    }
  }

  static boolean socketFile(DockerEndpoint endpoint) {
    return endpoint.host().startsWith("unix://") || endpoint.host().startsWith("npipe://");
  }

  private static DockerHttpClient http(DockerEndpoint endpoint, DockerClientConfig config) {
    // No response timeout: log follows, pulls and builds legitimately stay silent for minutes.
    return new ZerodepDockerHttpClient.Builder()
        .dockerHost(URI.create(endpoint.host()))
        .sslConfig(socketFile(endpoint) ? NO_TLS_ON_A_SOCKET_FILE : config.getSSLConfig())
        .connectionTimeout(CONNECT_TIMEOUT)
        .maxConnections(32)
        .build();
  }
}
