package dev.ollamastack.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
}
