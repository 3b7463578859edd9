package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.engine.EngineFactory;
import dev.ollamastack.engine.docker.DockerJavaEngineFactory;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code plan} shows the Docker context it used, and reports one it cannot use. */
class DockerContextCommandTest {
  @TempDir Path dir;
  final FakeDockerEngine engine = new FakeDockerEngine();

  CliRun plan(EngineFactory engines) {
    AppContext ctx =
        new AppContext(Map.of(), dir, dir.resolve("home"), false, engines, new FakeHost());
    return CliRun.run(Main.commandLine(ctx, false), "plan");
  }

  @Test
  void planHeaderNamesTheHostAndTheContext() {
    engine.context = "colima";
    CliRun r = plan(() -> engine);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines().findFirst().orElseThrow())
        .startsWith("Installation \"ollama-stack\" from ")
        .endsWith(" at unix:///fake.sock (context colima)");
  }

  @Test
  void planHeaderWithoutAContextShowsTheHostAlone() {
    CliRun r = plan(() -> engine);
    assertThat(r.out().lines().findFirst().orElseThrow()).endsWith(" at unix:///fake.sock");
  }

  @Test
  void unknownContextIsExit4WithOneErrorAndAHint() throws Exception {
    Path config = Files.createDirectories(dir.resolve("docker-config"));
    Files.writeString(config.resolve("config.json"), "{\"currentContext\": \"colima\"}");
    var engines =
        new DockerJavaEngineFactory(
            Map.of("DOCKER_CONFIG", config.toString(), "DOCKER_CONTEXT", "nope"));

    CliRun r = plan(engines);

    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.err().lines().toList())
        .hasSize(2)
        .satisfiesExactly(
            error ->
                assertThat(error)
                    .startsWith("error: Docker context \"nope\" (DOCKER_CONTEXT) not found: ")
                    .contains(config.resolve("contexts/meta").toString()),
            hint -> assertThat(hint).startsWith("hint: ").contains("unset DOCKER_CONTEXT"));
  }

  @Test
  void unreachableEngineOfAContextNamesItAndSuggestsAnother() {
    engine.context = "colima";
    engine.unreachable = true;
    CliRun r = plan(() -> engine);
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.err())
        .startsWith("error: cannot reach the Docker engine at unix:///fake.sock (context colima)")
        .contains("hint: start the engine of Docker context colima", "docker context ls");
  }
}
