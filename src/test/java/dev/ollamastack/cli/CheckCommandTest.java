package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.app.check.HostProbe;
import dev.ollamastack.app.check.HostProbe.PortUse;
import dev.ollamastack.engine.docker.DockerJavaEngineFactory;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {
  @TempDir Path home;
  final FakeDockerEngine engine = new FakeDockerEngine();
  PortUse port8080 = PortUse.FREE;

  Consumer<CommandLine> fakeHost() {
    return cmd -> {
      CheckCommand check = cmd.getSubcommands().get("check").getCommand();
      check.host =
          new HostProbe() {
            public boolean onPath(String c) {
              return false;
            }

            public boolean exists(Path p) {
              return false;
            }

            public List<String> list(Path d) {
              return List.of();
            }

            public OptionalLong usableSpace(Path p) {
              return OptionalLong.of(100_000_000_000L);
            }

            public Optional<Set<java.nio.file.attribute.PosixFilePermission>> permissions(Path f) {
              return Optional.empty();
            }

            public PortUse portUse(int port) {
              return port == 8080 ? port8080 : PortUse.FREE;
            }

            public Optional<String> ollamaVersion(String url) {
              return Optional.empty();
            }
          };
    };
  }

  CliRun check(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "check";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.run(Converged.context(home, engine), fakeHost(), all);
  }

  @Test
  void readyMachineExitsZeroWithOneLinePerItem() {
    CliRun r = check();
    assertThat(r.exitCode()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("ok    docker ", "warn  secrets", "ok    port 8080 (webui)")
        .contains("0 failed");
  }

  @Test
  void jsonParsesWithChecksAndSummary() throws Exception {
    port8080 = new PortUse(true, "nginx", 7);
    CliRun r = check("-o", "json");
    JsonNode doc = new ObjectMapper().readTree(r.out());
    JsonNode port =
        java.util.stream.StreamSupport.stream(doc.path("checks").spliterator(), false)
            .filter(c -> c.path("name").asText().equals("port 8080 (webui)"))
            .findFirst()
            .orElseThrow();
    assertThat(port.path("status").asText()).isEqualTo("fail");
    assertThat(port.path("detail").asText()).isEqualTo("in use by process nginx (pid 7)");
    assertThat(port.has("hint")).isTrue();
    assertThat(doc.path("summary").path("fail").asInt()).isEqualTo(1);
    assertThat(doc.path("summary").path("ok").asBoolean()).isFalse();
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void dockerDownStillPrintsTheReportAndExitsOneNotFour() {
    engine.unreachable = true;
    CliRun r = check();
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .contains("FAIL  docker", "cannot reach Docker at unix:///fake.sock", "hint: start Docker");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void dockerLineNamesTheContextThatChoseTheEngine() {
    engine.context = "colima";
    CliRun r = check();
    assertThat(r.out()).contains("ok    docker ", "at unix:///fake.sock (context colima)");
  }

  @Test
  void unusableContextIsAFailedDockerItemWithItsHint() {
    var ctx =
        Converged.context(home, engine)
            .withEngines(
                new DockerJavaEngineFactory(
                    Map.of("DOCKER_CONFIG", home.toString(), "DOCKER_CONTEXT", "nope")));
    CliRun r = CliRun.run(ctx, fakeHost(), "check");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .contains("FAIL  docker", "Docker context \"nope\" (DOCKER_CONTEXT) not found")
        .contains("hint: run 'docker context ls'");
  }
}
