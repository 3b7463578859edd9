package dev.ollamastack.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code history.jsonl} survives an apply killed while writing it. */
class HistoryFileTest {
  @TempDir Path dir;

  @Test
  void anAppendAfterAPartialLineStartsANewLine() throws Exception {
    Path file = dir.resolve("history.jsonl");
    Files.writeString(file, "{\"time\":\"2026-01-01T00:00:00Z\"}\n{\"time\":\"2026-01-0");
    ApplyHistory.appendLine(file, "{\"time\":\"2026-01-02T00:00:00Z\"}");
    assertThat(Files.readAllLines(file))
        .containsExactly(
            "{\"time\":\"2026-01-01T00:00:00Z\"}",
            "{\"time\":\"2026-01-0",
            "{\"time\":\"2026-01-02T00:00:00Z\"}");
  }

  @Test
  void anAppendToAnEmptyOrCompleteFileAddsExactlyOneLine() throws Exception {
    Path file = dir.resolve("history.jsonl");
    ApplyHistory.appendLine(file, "a");
    ApplyHistory.appendLine(file, "b");
    assertThat(Files.readString(file)).isEqualTo("a\nb\n");
  }
}
