package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.logs.ServiceLine;
import dev.ollamastack.engine.LogLine;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsCommandTest {
  static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
  static final String NASTY =
      "[INFO] 100% done %s %n %d {} \u001b[31mred\u001b[0m @|bold x|@ \\ tab\there";

  @TempDir Path home;
  final FakeDockerEngine engine = new FakeDockerEngine();
  AppContext ctx;

  @BeforeEach
  void converge() {
    ctx = Converged.context(home, engine);
    Converged.apply(ctx, engine);
    engine.setLogs(id("ollama"), List.of(line(1, "ollama up"), line(3, NASTY)));
    engine.setLogs(id("webui"), List.of(line(2, "webui up")));
  }

  String id(String service) {
    return engine.byName("ollama-stack-" + service).orElseThrow().id();
  }

  static LogLine line(int s, String text) {
    return new LogLine("x", false, T0.plusSeconds(s), text);
  }

  @Test
  void allServicesMergedPrefixedAndPaddedLikeCompose() {
    CliRun r = CliRun.run(ctx, "logs");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines())
        .containsExactly("ollama    | ollama up", "webui     | webui up", "ollama    | " + NASTY);
  }

  @Test
  void textIsPrintedVerbatimEvenWithMarkupFormatsAndAnsiCodes() {
    CliRun r = CliRun.run(ctx, "logs", "ollama", "--tail", "1");
    assertThat(r.out()).isEqualTo("ollama | " + NASTY + System.lineSeparator());
  }

  @Test
  void tailZeroPrintsNothing() {
    CliRun r = CliRun.run(ctx, "logs", "--tail", "0");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
  }

  @Test
  void sinceUntilAndTimestamps() {
    CliRun r =
        CliRun.run(
            ctx,
            "logs",
            "-t",
            "--since",
            "2026-05-01T10:00:02Z",
            "--until",
            "2026-05-01T10:00:02Z");
    assertThat(r.out().lines()).containsExactly("webui     | 2026-05-01T10:00:02Z webui up");
  }

  @Test
  void badTimeAndUnknownServiceAreExitThree() {
    CliRun bad = CliRun.run(ctx, "logs", "--since", "yesterday");
    assertThat(bad.exitCode()).isEqualTo(3);
    assertThat(bad.err()).contains("RFC 3339");
    CliRun unknown = CliRun.run(ctx, "logs", "olama");
    assertThat(unknown.exitCode()).isEqualTo(3);
    assertThat(unknown.err())
        .contains("error: unknown service olama")
        .contains("hint: valid names: ollama, webui, mcp-proxy");
  }

  @Test
  void missingServiceIsANoteOnStderrAndTheOthersAreShown() {
    engine.removeContainer(id("webui"));
    CliRun r = CliRun.run(ctx, "logs");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).contains("note: webui has no container");
    assertThat(r.out()).contains("ollama    | ollama up").doesNotContain("webui ");
  }

  @Test
  void followPrintsHistoryThenStopsWhenToldInTests() {
    CliRun r = CliRun.run(ctx, "logs", "-f", "--tail", "1", "ollama", "--follow-for", "200ms");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("ollama | " + NASTY + System.lineSeparator());
  }

  @Test
  void dockerDownIsExitFour() {
    engine.unreachable = true;
    assertThat(CliRun.run(ctx, "logs").exitCode()).isEqualTo(4);
  }

  @Test
  void colourOnlyOnTheStablePrefix() {
    StringWriter sw = new StringWriter();
    LogPrinter p = new LogPrinter(new PrintWriter(sw), List.of("ollama", "webui"), true, false);
    String s = p.format(new ServiceLine("webui", line(1, NASTY)));
    assertThat(s).isEqualTo("\u001b[33mwebui  | \u001b[0m" + NASTY);
    assertThat(LogPrinter.colour("my-ext")).isEqualTo(LogPrinter.colour("my-ext"));
  }
}
