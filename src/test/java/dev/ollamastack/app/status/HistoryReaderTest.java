package dev.ollamastack.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged line of {@code history.jsonl} is skipped, never a reason to hide the others. */
class HistoryReaderTest {
  @TempDir Path dir;

  @Test
  void aPartialLastLineShowsTheEntryBeforeIt() throws Exception {
    Path file = dir.resolve("history.jsonl");
    Files.writeString(
        file,
        "{\"time\":\"2026-01-01T00:00:00Z\",\"outcome\":\"failed\",\"actions\":3,\"failed\":1}\n"
            + "{\"time\":\"2026-01-02T00:00:00Z\",\"outcome\":\"converged\",\"actions\":2,\"failed\":0}\n"
            + "{\"time\":\"2026-01-03T0");
    assertThat(HistoryReader.last(file).time()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
  }

  @Test
  void garbageInTheMiddleOrAtTheEndIsSkipped() throws Exception {
    Path file = dir.resolve("history.jsonl");
    Files.writeString(
        file,
        "{\"time\":\"2026-01-01T00:00:00Z\",\"outcome\":\"converged\",\"actions\":1,\"failed\":0}\n"
            + "\u0000\u0000garbage\n"
            + "[1,2]\n"
            + "{\"time\":\"not a time\"}\n");
    assertThat(HistoryReader.last(file).outcome()).isEqualTo("converged");
  }

  static String entry(String day, String outcome) {
    return "{\"time\":\"2026-01-"
        + day
        + "T00:00:00Z\",\"outcome\":\""
        + outcome
        + "\",\"actions\":1,\"failed\":0}\n";
  }

  @Test
  void aLongHistoryShowsItsLastEntry() throws Exception {
    Path file = dir.resolve("history.jsonl");
    StringBuilder text = new StringBuilder();
    while (text.length() < 3 * HistoryReader.TAIL_BYTES) {
      text.append(entry("01", "failed"));
    }
    text.append(entry("09", "converged"));
    Files.writeString(file, text);
    assertThat(HistoryReader.last(file).time()).isEqualTo(Instant.parse("2026-01-09T00:00:00Z"));
  }

  @Test
  void anEntryBeforeALongDamagedEndIsStillFound() throws Exception {
    Path file = dir.resolve("history.jsonl");
    StringBuilder text = new StringBuilder(entry("02", "converged"));
    while (text.length() < 2 * HistoryReader.TAIL_BYTES) {
      text.append("\u00e9garbage that is not JSON\n");
    }
    Files.writeString(file, text);
    assertThat(HistoryReader.last(file).time()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
  }
}
