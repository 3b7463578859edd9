package dev.ollamastack.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.engine.LogLine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFrameDecoderTest {
  private final List<LogLine> lines = new ArrayList<>();

  private static final boolean STDOUT = false;
  private static final boolean STDERR = true;

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void stripsTheTimestampAndOnlyTheNewline() {
    LogFrameDecoder d = new LogFrameDecoder("c1", null, null, lines::add);
    d.message(STDERR, text("2024-05-01T10:00:00.123456789Z   indented\tline \r\n"));
    d.message(STDOUT, text("2024-05-01T10:00:01.000000000Z out\n"));
    assertThat(lines)
        .containsExactly(
            new LogLine(
                "c1", true, Instant.parse("2024-05-01T10:00:00.123456789Z"), "  indented\tline \r"),
            new LogLine("c1", false, Instant.parse("2024-05-01T10:00:01Z"), "out"));
  }

  @Test
  void joinsALongLineSplitIntoSeveralMessages() {
    LogFrameDecoder d = new LogFrameDecoder("c1", null, null, lines::add);
    d.message(STDOUT, text("2024-05-01T10:00:00.000000001Z first half,"));
    d.message(STDOUT, text("2024-05-01T10:00:00.000000002Z second half\n"));
    assertThat(lines).extracting(LogLine::text).containsExactly("first half,second half");
    assertThat(lines.getFirst().timestamp())
        .isEqualTo(Instant.parse("2024-05-01T10:00:00.000000001Z"));
  }

  @Test
  void keepsStreamsApartAndFlushesAnUnfinishedLastLine() {
    LogFrameDecoder d = new LogFrameDecoder("c1", null, null, lines::add);
    d.message(STDOUT, text("2024-05-01T10:00:00Z partial out"));
    d.message(STDERR, text("2024-05-01T10:00:01Z err\n"));
    d.onComplete();
    assertThat(lines).extracting(LogLine::text).containsExactly("err", "partial out");
    assertThat(lines).extracting(LogLine::stderr).containsExactly(true, false);
  }

  @Test
  void dropsLinesOutsideSinceAndUntil() {
    Instant since = Instant.parse("2024-05-01T10:00:00.5Z");
    Instant until = Instant.parse("2024-05-01T10:00:01.5Z");
    LogFrameDecoder d = new LogFrameDecoder("c1", since, until, lines::add);
    d.message(STDOUT, text("2024-05-01T10:00:00.400000000Z early\n"));
    d.message(STDOUT, text("2024-05-01T10:00:01.000000000Z inside\n"));
    d.message(STDOUT, text("2024-05-01T10:00:01.600000000Z late\n"));
    assertThat(lines).extracting(LogLine::text).containsExactly("inside");
  }

  @Test
  void textWithoutTimestampIsKeptWhole() {
    LogFrameDecoder d = new LogFrameDecoder("c1", null, null, lines::add);
    d.message(STDOUT, text("no time here\n"));
    assertThat(lines).containsExactly(new LogLine("c1", false, null, "no time here"));
  }
}
