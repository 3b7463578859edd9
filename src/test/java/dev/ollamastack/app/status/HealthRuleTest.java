package dev.ollamastack.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.ContainerHealth;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.ObservedContainer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthRuleTest {
  static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

  static ObservedContainer c(String state, String dockerHealth, Instant started) {
    return new ObservedContainer(
        "id",
        "n",
        "img",
        "sha256:x",
        ContainerState.of(state),
        ContainerHealth.of(dockerHealth),
        null,
        Map.of(),
        List.of(),
        started,
        0);
  }

  @Test
  void probeDecidesWhenPublished() {
    Instant old = NOW.minusSeconds(3600);
    assertThat(HealthRule.of(c("running", "unhealthy", old), ProbeResult.OK, NOW))
        .isEqualTo(ServiceHealth.HEALTHY);
    assertThat(HealthRule.of(c("running", null, old), ProbeResult.CLOSED, NOW))
        .isEqualTo(ServiceHealth.UNHEALTHY);
    assertThat(HealthRule.of(c("running", "starting", old), ProbeResult.CLOSED, NOW))
        .isEqualTo(ServiceHealth.STARTING);
    assertThat(HealthRule.of(c("running", null, NOW.minusSeconds(5)), ProbeResult.LISTENING, NOW))
        .isEqualTo(ServiceHealth.STARTING);
  }

  @Test
  void dockerHealthWhenNotProbedAndUnknownWhenNotRunning() {
    assertThat(HealthRule.of(c("running", "healthy", null), null, NOW))
        .isEqualTo(ServiceHealth.HEALTHY);
    assertThat(HealthRule.of(c("running", null, null), null, NOW)).isEqualTo(ServiceHealth.UNKNOWN);
    assertThat(HealthRule.of(c("exited", "healthy", null), ProbeResult.OK, NOW))
        .isEqualTo(ServiceHealth.UNKNOWN);
  }

  @Test
  void browserUrlAndShortIds() {
    assertThat(
            StatusAssembler.browserUrl(
                new dev.ollamastack.model.PortBinding("0.0.0.0", 8080, 8080)))
        .isEqualTo("http://localhost:8080");
    assertThat(
            StatusAssembler.browserUrl(
                new dev.ollamastack.model.PortBinding("192.168.1.5", 80, 8080)))
        .isEqualTo("http://192.168.1.5:80");
    assertThat(StatusAssembler.shortId("sha256:0123456789abcdef0123")).isEqualTo("0123456789ab");
  }
}
