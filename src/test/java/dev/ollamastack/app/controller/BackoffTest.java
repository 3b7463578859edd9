package dev.ollamastack.app.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
  final Instant t0 = Instant.parse("2026-12-02T00:00:00Z");
  final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8));

  @Test
  void eachFailureInARowDoublesTheWaitUpToTheCap() {
    List<Duration> waits = new ArrayList<>();
    Instant now = t0;
    for (int i = 0; i < 6; i++) {
      Duration d = backoff.acted("ollama", now, true);
      waits.add(d);
      now = now.plus(d); // the next attempt comes as soon as the wait ends
    }
    assertThat(waits).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 8L, 8L);
    assertThat(backoff.state("ollama").orElseThrow().attempts()).isEqualTo(6);
  }

  @Test
  void aFirstFixThatWorkedCostsNothingPuttingItBackAgainDoes() {
    assertThat(backoff.acted("webui", t0, false)).isZero();
    assertThat(backoff.waiting(t0)).isEmpty();
    assertThat(backoff.acted("webui", t0.plusMillis(10), false)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.acted("webui", t0.plusSeconds(2), false)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aServiceIsWaitingUntilItsWaitEndsAndOthersAreNot() {
    backoff.acted("ollama", t0, true);
    backoff.acted("ollama", t0.plusSeconds(1), true); // 2 s from t0+1
    backoff.acted("webui", t0, true);
    assertThat(backoff.waiting(t0.plusMillis(500))).containsExactly("ollama", "webui");
    assertThat(backoff.waiting(t0.plusSeconds(1))).containsExactly("ollama");
    assertThat(backoff.nextDue(t0.plusSeconds(1))).contains(t0.plusSeconds(3));
    assertThat(backoff.waiting(t0.plusSeconds(3))).isEmpty();
    assertThat(backoff.nextDue(t0.plusSeconds(3))).isEmpty();
  }

  @Test
  void aPassThatFindsItInSyncOrAQuietSpellStartsTheCountAgain() {
    backoff.acted("ollama", t0, true);
    backoff.acted("ollama", t0.plusSeconds(1), true);
    backoff.inSync("ollama");
    assertThat(backoff.acted("ollama", t0.plusSeconds(3), true)).isEqualTo(Duration.ofSeconds(1));
    // a failure counts on however late the next attempt comes
    assertThat(backoff.acted("ollama", t0.plusSeconds(60), true)).isEqualTo(Duration.ofSeconds(2));
    // after a fix that worked, a cap (8 s) without an attempt past its wait is quiet again
    backoff.inSync("webui");
    backoff.acted("webui", t0, false);
    assertThat(backoff.acted("webui", t0.plusSeconds(1), false)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.acted("webui", t0.plusSeconds(10), false)).isZero();
  }

  @Test
  void theCapMustNotBeShorterThanTheFirstWait() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void durationsReadAsTheLinesShowThem() {
    assertThat(DurationText.text(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(DurationText.text(Duration.ofSeconds(4))).isEqualTo("4s");
    assertThat(DurationText.text(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(DurationText.text(Duration.ofSeconds(150))).isEqualTo("2m30s");
    assertThat(DurationText.text(Duration.ofHours(1))).isEqualTo("1h");
  }
}
