package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.core.SSLConfig;
import java.net.URI;
import java.util.function.Supplier;

/**
 * docker-java's settings (TLS files, {@code config.json}'s registry credentials), read when a
 * docker-java command first asks for one. The read calls of {@code plan} and {@code status} go
 * through {@link EngineCalls} and never do: reading them took ~15 ms of CPU on the path to the
 * first Docker call (docs/startup.md).
 */
final class LazyClientConfig implements DockerClientConfig {
  private final Supplier<? extends DockerClientConfig> read;
  private volatile DockerClientConfig config;

  LazyClientConfig(Supplier<? extends DockerClientConfig> read) {
    this.read = read;
  }

  /** The settings, read on the first call. */
  DockerClientConfig get() {
    DockerClientConfig c = config;
    if (c == null) {
      synchronized (this) {
        c = config;
        if (c == null) {
          c = read.get();
          config = c;
        }
      }
    }
    return c;
  }

  @Override
  public URI getDockerHost() {
    return get().getDockerHost();
  }

  @Override
  public RemoteApiVersion getApiVersion() {
    return get().getApiVersion();
  }

  @Override
  public String getRegistryUsername() {
    return get().getRegistryUsername();
  }

  @Override
  public String getRegistryPassword() {
    return get().getRegistryPassword();
  }

  @Override
  public String getRegistryEmail() {
    return get().getRegistryEmail();
  }

  @Override
  public String getRegistryUrl() {
    return get().getRegistryUrl();
  }

  @Override
  public AuthConfig effectiveAuthConfig(String imageName) {
    return get().effectiveAuthConfig(imageName);
  }

  @Override
  public AuthConfigurations getAuthConfigurations() {
    return get().getAuthConfigurations();
  }

  @Override
  public SSLConfig getSSLConfig() {
    return get().getSSLConfig();
  }
}
