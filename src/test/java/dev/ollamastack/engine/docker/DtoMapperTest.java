package dev.ollamastack.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.ContainerHealth;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DtoMapperTest {
  @Test
  void readsHealthAndExitCodeFromTheListStatus() {
    assertThat(DtoMapper.healthFromStatus("Up 3 minutes (healthy)"))
        .isEqualTo(ContainerHealth.HEALTHY);
    assertThat(DtoMapper.healthFromStatus("Up 1 second (health: starting)"))
        .isEqualTo(ContainerHealth.STARTING);
    assertThat(DtoMapper.healthFromStatus("Up 2 hours (unhealthy)"))
        .isEqualTo(ContainerHealth.UNHEALTHY);
    assertThat(DtoMapper.healthFromStatus("Up 2 hours")).isEqualTo(ContainerHealth.NONE);
    assertThat(DtoMapper.exitCodeFromStatus("Exited (137) 5 seconds ago")).isEqualTo(137);
    assertThat(DtoMapper.exitCodeFromStatus("Up 2 hours")).isNull();
  }

  @Test
  void dockersZeroTimeMeansNever() {
    assertThat(DtoMapper.instant("0001-01-01T00:00:00Z")).isNull();
    assertThat(DtoMapper.instant("2024-05-01T10:00:00.123456789Z"))
        .isEqualTo(Instant.parse("2024-05-01T10:00:00.123456789Z"));
  }

  @Test
  void labelFiltersMatchAnyValueWhenNull() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("b", null);
    labels.put("a", "x");
    assertThat(LabelFilter.of(labels)).containsExactly("a=x", "b");
  }

  @Test
  void pullsOneTagNotTheWholeRepository() {
    assertThat(ImagePull.withDefaultTag("ollama/ollama")).isEqualTo("ollama/ollama:latest");
    assertThat(ImagePull.withDefaultTag("localhost:5000/x")).isEqualTo("localhost:5000/x:latest");
    assertThat(ImagePull.withDefaultTag("ghcr.io/open-webui/open-webui:main"))
        .isEqualTo("ghcr.io/open-webui/open-webui:main");
    assertThat(ImagePull.withDefaultTag("a/b@sha256:0123")).isEqualTo("a/b@sha256:0123");
  }
}
