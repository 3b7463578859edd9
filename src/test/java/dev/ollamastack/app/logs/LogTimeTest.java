package dev.ollamastack.app.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogTimeTest {
  static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

  @Test
  void rfc3339WithZoneOrOffsetAndBareDates() {
    assertThat(LogTime.parse("2026-05-01T10:00:00Z", NOW)).isEqualTo("2026-05-01T10:00:00Z");
    assertThat(LogTime.parse("2026-05-01T12:00:00.5+02:00", NOW))
        .isEqualTo("2026-05-01T10:00:00.500Z");
    assertThat(LogTime.parse("2026-05-01 10:00:00Z", NOW)).isEqualTo("2026-05-01T10:00:00Z");
    assertThat(LogTime.parse("2026-04-30", NOW)).isEqualTo("2026-04-30T00:00:00Z");
  }

  @Test
  void relativeDurationsCountBackFromNow() {
    assertThat(LogTime.parse("10m", NOW)).isEqualTo("2026-05-01T11:50:00Z");
    assertThat(LogTime.parse("2h", NOW)).isEqualTo("2026-05-01T10:00:00Z");
    assertThat(LogTime.parse("1h30m", NOW)).isEqualTo("2026-05-01T10:30:00Z");
    assertThat(LogTime.parse("45s", NOW)).isEqualTo("2026-05-01T11:59:15Z");
    assertThat(LogTime.parse("1d", NOW)).isEqualTo("2026-04-30T12:00:00Z");
  }

  @Test
  void anythingElseIsRejectedWithExamples() {
    for (String bad : new String[] {"", "yesterday", "10", "10x", "2026-13-01T00:00:00Z", "m10"}) {
      assertThatThrownBy(() -> LogTime.parse(bad, NOW))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("RFC 3339");
    }
  }
}
