package dev.ollamastack.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The records whose equals and hashCode are written out compare as records do. */
class ValueEqualityTest {
  @Test
  void resourceKeysAreEqualByKindAndName() {
    ResourceKey a = ResourceKey.container("x-webui");
    assertThat(a)
        .isEqualTo(ResourceKey.parse("container:x-webui"))
        .hasSameHashCodeAs(ResourceKey.parse("container:x-webui"));
    assertThat(a)
        .isNotEqualTo(ResourceKey.volume("x-webui"))
        .isNotEqualTo(ResourceKey.container("x-ollama"))
        .isNotEqualTo(null)
        .isNotEqualTo("container:x-webui");
    assertThat(Set.of(a, ResourceKey.volume("x-webui"))).contains(ResourceKey.container("x-webui"));
  }

  @Test
  void portBindingsAreEqualByAllThreeParts() {
    PortBinding p = new PortBinding("127.0.0.1", 8080, 80);
    assertThat(p)
        .isEqualTo(new PortBinding("127.0.0.1", 8080, 80))
        .hasSameHashCodeAs(new PortBinding("127.0.0.1", 8080, 80));
    assertThat(p)
        .isNotEqualTo(new PortBinding("0.0.0.0", 8080, 80))
        .isNotEqualTo(new PortBinding("127.0.0.1", 8081, 80))
        .isNotEqualTo(new PortBinding("127.0.0.1", 8080, 81))
        .isNotEqualTo(new PortBinding(null, 8080, 80));
    assertThat(new PortBinding(null, 1, 2))
        .isEqualTo(new PortBinding(null, 1, 2))
        .hasSameHashCodeAs(new PortBinding(null, 1, 2));
    assertThat(p.toString())
        .isEqualTo("PortBinding[hostIp=127.0.0.1, hostPort=8080, containerPort=80]");
  }
}
