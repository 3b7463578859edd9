package dev.ollamastack.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.model.VolumeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client settings that depend on the kind of endpoint. */
class DockerJavaEngineFactoryTest {
  static DockerEndpoint at(String host) {
    return new DockerEndpoint(host, null, false, null);
  }

  @Test
  void onlyALocalSocketFileGoesWithoutTheJvmsDefaultTlsContext() {
    assertThat(DockerJavaEngineFactory.socketFile(at("unix:///var/run/docker.sock"))).isTrue();
    assertThat(DockerJavaEngineFactory.socketFile(at("npipe:////./pipe/docker_engine"))).isTrue();
    // a TCP daemon may speak TLS: its context stays docker-java's (DOCKER_TLS_VERIFY, certs)
    assertThat(DockerJavaEngineFactory.socketFile(at("tcp://10.0.0.5:2376"))).isFalse();
    assertThat(DockerJavaEngineFactory.socketFile(at("ssh://me@host"))).isFalse();
  }

  @Test
  void theSocketFilesTlsContextRefusesToBeUsed() throws Exception {
    var context = DockerJavaEngineFactory.socketFileContext();
    assertThatThrownBy(context::getSocketFactory).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void dockerJavasSettingsAreReadOnceByTheFirstCallThatNeedsThem() {
    AtomicInteger reads = new AtomicInteger();
    LazyClientConfig config =
        new LazyClientConfig(
            () -> {
              reads.incrementAndGet();
              return com.github.dockerjava.core.DefaultDockerClientConfig
                  .createDefaultConfigBuilder()
                  .withDockerHost("unix:///var/run/docker.sock")
                  .build();
            });
    // docker-java's object mapper is its own default: no read for it
    assertThat(config.getObjectMapper()).isNotNull();
    assertThat(reads).hasValue(0);
    assertThat(config.getDockerHost()).hasToString("unix:///var/run/docker.sock");
    assertThat(config.getApiVersion()).isNotNull();
    assertThat(reads).hasValue(1);
  }

  @Test
  void aConfigJsonDockerJavaCannotReadFailsTheFirstWriteWithItsPath(@TempDir Path dir)
      throws Exception {
    Path configJson = Files.writeString(dir.resolve("config.json"), "{\"auths\": 5}");
    var factory =
        new DockerJavaEngineFactory(
            Map.of(
                "DOCKER_CONFIG",
                dir.toString(),
                "DOCKER_HOST",
                "unix://" + dir.resolve("no-daemon.sock")));
    // connecting reads nothing of it: plan's and status's read calls do not need it
    try (DockerEngine engine = factory.connect()) {
      assertThatThrownBy(() -> engine.createVolume(new VolumeSpec("v", Map.of())))
          .hasMessageContaining("Docker's config: cannot read " + configJson)
          .hasMessageNotContaining("cannot reach");
    }
  }
}
