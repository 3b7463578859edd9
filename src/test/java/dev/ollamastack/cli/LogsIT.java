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
import dev.ollamastack.testsupport.DockerCli;
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

  /**
   * Each container prints its next line only when the test creates a release file in it, and the
   * test releases a line only after it has seen the previous one in the logs: Docker stamps the
   * lines in this order by construction, whatever the scheduling.
   */
  @Test
  void twoServicesAreMergedInTimeOrderAndPrintedVerbatim() throws Exception {
    String inst = docker.installation;
    String ollama = inst + "-ollama";
    String webui = inst + "-webui";
    docker.run(
        ollama,
        "ollama",
        null,
        0,
        "echo 'o1 "
            + NASTY
            + "'; "
            + waitFor("o3")
            + "printf '\\033[31mo3 red\\033[0m\\n'; "
            + FOREVER);
    docker.run(webui, "webui", null, 0, waitFor("w2") + "echo w2 >&2; " + FOREVER);
    AppContext ctx = ItStacks.context(home, docker);
    var loaded = ItStacks.stack(inst, 1, 2, null);
    LogsService logs = new LogsService();
    try (DockerEngine engine = ctx.engines().connect()) {
      LogSelection sel = logs.select(loaded, engine, List.of());
      LogOptions all = new LogOptions(false, null, null, null);
      awaitLines(() -> logs.read(engine, sel, all), 1);
      release(webui, "w2");
      awaitLines(() -> logs.read(engine, sel, all), 2);
      release(ollama, "o3");
      awaitLines(() -> logs.read(engine, sel, all), 3);
      List<ServiceLine> lines = logs.read(engine, sel, all);
      StringWriter out = new StringWriter();
      LogPrinter printer = new LogPrinter(new PrintWriter(out, true), sel.services(), false, false);
      lines.forEach(printer::print);
      assertThat(out.toString().lines())
          .containsExactly(
              "ollama | o1 " + NASTY, "webui  | w2", "ollama | \u001b[31mo3 red\u001b[0m");
      assertThat(logs.read(engine, sel, new LogOptions(false, 0, null, null))).isEmpty();
    }
  }

  /** Keeps a container running until the test removes it (no time limit to race with). */
  static final String FOREVER = "exec tail -f /dev/null";

  /** A shell loop that returns once the test has created {@code /release-<step>}. */
  static String waitFor(String step) {
    return "until [ -e /release-" + step + " ]; do sleep 0.05; done; ";
  }

  static void release(String container, String step) {
    DockerCli.run("exec", container, "touch", "/release-" + step);
  }

  static void awaitLines(java.util.concurrent.Callable<List<ServiceLine>> read, int count) {
    await().atMost(Duration.ofSeconds(60)).until(read, l -> l.size() == count);
  }

  @Test
  void followPicksUpARecreatedContainer() throws Exception {
    String inst = docker.installation;
    String name = inst + "-ollama";
    String first = docker.run(name, "ollama", null, 0, "echo first; " + FOREVER);
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
        await().atMost(Duration.ofSeconds(60)).until(() -> seen.contains("first"));
        docker.remove(first);
        docker.run(name, "ollama", null, 0, "echo second; " + FOREVER);
        await().atMost(Duration.ofSeconds(60)).until(() -> seen.contains("second"));
      }
    }
    assertThat(seen).containsExactly("first", "second");
  }
}
