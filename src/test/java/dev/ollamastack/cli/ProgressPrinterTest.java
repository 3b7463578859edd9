package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.apply.Outcome;
import dev.ollamastack.model.NetworkSpec;
import dev.ollamastack.plan.Action;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  static final long MB = 1L << 20;
  final Action pull = new Action.PullModel("llama3.2:1b", "http://127.0.0.1:11434", List.of());
  final Action network = new Action.CreateNetwork(new NetworkSpec("x_network", Map.of()));
  final StringWriter text = new StringWriter();
  final AtomicLong nanos = new AtomicLong();

  @Test
  void plainLinesAreThrottledToTenPercentStepsWithRateAndEta() {
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), false, null, nanos::get);
    p.started(pull);
    p.progress(pull, "pulling manifest", 0, 0);
    p.progress(pull, "downloading", 0, 1000 * MB);
    for (int i = 1; i <= 100; i++) {
      nanos.addAndGet(100_000_000L); // 0.1 s per 10 MB: 100 MB/s
      p.progress(pull, "downloading", i * 10 * MB, 1000 * MB);
    }
    p.finished(pull, new Outcome.Done("pulled"));
    List<String> lines = text.toString().lines().toList();
    assertThat(lines).hasSize(1 + 1 + 11 + 1);
    assertThat(lines)
        .contains("  model llama3.2:1b: downloading 50% of 1000.0 MB, 100.0 MB/s, ETA 5s")
        .contains("  ✓ model llama3.2:1b: pulled");
    assertThat(text.toString()).doesNotContain("\r").doesNotContain("\u001b");
  }

  @Test
  void etaIsReadable() {
    assertThat(ProgressPrinter.duration(5)).isEqualTo("5s");
    assertThat(ProgressPrinter.duration(65)).isEqualTo("1m05s");
    assertThat(ProgressPrinter.duration(3700)).isEqualTo("1h01m");
  }

  @Test
  void onATerminalAModelGetsABarAndOtherLinesWaitUntilItCloses() {
    ByteArrayOutputStream barBytes = new ByteArrayOutputStream();
    PullBars bars = new PullBars(new PrintStream(barBytes, true, StandardCharsets.UTF_8), 100);
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), true, bars, nanos::get);
    p.started(pull);
    p.progress(pull, "downloading", 10 * MB, 100 * MB);
    p.started(network);
    p.finished(network, new Outcome.Done("created"));
    assertThat(text.toString()).doesNotContain("network x_network");
    p.progress(pull, "downloading", 100 * MB, 100 * MB);
    p.finished(pull, new Outcome.Done("pulled"));

    String bar = barBytes.toString(StandardCharsets.UTF_8);
    assertThat(bar).contains("model llama3.2:1b").contains("MiB").contains("100%");
    assertThat(text.toString())
        .contains("network x_network: creating…")
        .contains("network x_network: created")
        .contains("model llama3.2:1b: pulled");
  }
}
