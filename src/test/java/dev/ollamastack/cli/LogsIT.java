package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.logs.LogFollower;
import dev.ollamastack.app.logs.LogSelection;
import dev.ollamastack.app.logs.LogsService;
import dev.ollamastack.app.logs.ServiceLine;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.LogOptions;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.ItDocker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** logs against the real daemon: merge by Docker's timestamps, verbatim text, follow a recreate. */
@DockerAvailable
class LogsIT {
  static final String NASTY = "[INFO] %s @|bold x|@ {}";

  @TempDir Path home;
  ItDocker docker;

  @BeforeEach
  void setUp() throws Exception {
    docker = new ItDocker();
    docker.buildImage();
  }

  @AfterEach
  void tearDown() {
    docker.close();
  }

  @Test
  void twoServicesAreMergedInTimeOrderAndPrintedVerbatim() throws Exception {
    String inst = docker.installation;
    docker.run(
        inst + "-ollama",
        "ollama",
        null,
        0,
        "echo 'o1 " + NASTY + "'; sleep 0.6; printf '\\033[31mo3 red\\033[0m\\n'; sleep 300");
    docker.run(inst + "-webui", "webui", null, 0, "sleep 0.3; echo w2 >&2; sleep 300");
    AppContext ctx = ItStacks.context(home, docker);
    var loaded = ItStacks.stack(inst, 1, 2, null);
    LogsService logs = new LogsService();
    try (DockerEngine engine = ctx.engines().connect()) {
      LogSelection sel = logs.select(loaded, engine, List.of());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> logs.read(engine, sel, new LogOptions(false, null, null, null)).size() == 3);
      List<ServiceLine> lines = logs.read(engine, sel, new LogOptions(false, null, null, null));
      StringWriter out = new StringWriter();
      LogPrinter printer = new LogPrinter(new PrintWriter(out, true), sel.services(), false, false);
      lines.forEach(printer::print);
      assertThat(out.toString().lines())
          .containsExactly(
              "ollama | o1 " + NASTY, "webui  | w2", "ollama | \u001b[31mo3 red\u001b[0m");
      assertThat(logs.read(engine, sel, new LogOptions(false, 0, null, null))).isEmpty();
    }
  }

  @Test
  void followPicksUpARecreatedContainer() throws Exception {
    String inst = docker.installation;
    String name = inst + "-ollama";
    String first = docker.run(name, "ollama", null, 0, "echo first; sleep 300");
    AppContext ctx = ItStacks.context(home, docker);
    var loaded = ItStacks.stack(inst, 1, 2, null);
    LogsService logs = new LogsService();
    List<String> seen = new CopyOnWriteArrayList<>();
    try (DockerEngine engine = ctx.engines().connect()) {
      LogSelection sel = logs.select(loaded, engine, List.of("ollama"));
      try (LogFollower f =
          logs.follow(
              engine,
              sel,
              new LogOptions(true, null, null, null),
              l -> seen.add(l.line().text()),
              Duration.ofMillis(300))) {
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("first"));
        docker.remove(first);
        docker.run(name, "ollama", null, 0, "echo second; sleep 300");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("second"));
      }
    }
    assertThat(seen).containsExactly("first", "second");
  }
}
