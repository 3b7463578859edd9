package dev.ollamastack.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadinessWaiterTest {
  private static long pauseAfter(Duration waited) {
    return ReadinessWaiter.pause(waited.toNanos());
  }

  @Test
  void looksOftenAtFirstThenBacksOff() {
    assertThat(pauseAfter(Duration.ZERO)).isEqualTo(10);
    assertThat(pauseAfter(Duration.ofMillis(90))).isEqualTo(10);
    assertThat(pauseAfter(Duration.ofMillis(500))).isEqualTo(50);
    assertThat(pauseAfter(Duration.ofSeconds(1))).isEqualTo(100);
    assertThat(pauseAfter(Duration.ofSeconds(2))).isEqualTo(200);
    // a service that takes minutes to start is asked four times a second
    assertThat(pauseAfter(Duration.ofSeconds(3))).isEqualTo(250);
    assertThat(pauseAfter(Duration.ofMinutes(5))).isEqualTo(250);
  }
}
