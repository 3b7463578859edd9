package dev.ollamastack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.testsupport.CiRequires;
import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.StandInImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged CLI finds the daemon through a Docker context, as Docker Desktop, Colima and
 * rootless users have it: no {@code DOCKER_HOST}, a {@code currentContext} in {@code
 * $DOCKER_CONFIG/config.json} whose endpoint is the daemon's socket under another path (a symlink),
 * so only a tool that read the context can reach it there.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerContextIT {
  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String name = "osit-ctx-" + id;
  private final String context = "ctx-it-" + id;
  private Path work;
  private Path config;
  private String host;

  @BeforeAll
  void setUp() throws Exception {
    String daemon = DockerAvailable.Check.probe().host();
    CiRequires.that(daemon.startsWith("unix://"), "the daemon must listen on a local socket");
    work = Files.createTempDirectory(Path.of("/tmp"), "ctx-it-");
    Path socket =
        Files.createSymbolicLink(work.resolve("docker.sock"), Path.of(daemon.substring(7)));
    host = "unix://" + socket;
    config = work.resolve("docker-config");
    Path meta = config.resolve("contexts/meta/" + sha256(context) + "/meta.json");
    Files.createDirectories(meta.getParent());
    Files.writeString(
        meta,
        """
        {"Name":"%s","Metadata":{},"Endpoints":{"docker":{"Host":"%s","SkipTLSVerify":false}}}"""
            .formatted(context, host));
    Files.writeString(config.resolve("config.json"), "{\"currentContext\": \"" + context + "\"}");
    Files.writeString(
        work.resolve("ollama-stack.yaml"),
        """
        apiVersion: ollama-stack/v1
        kind: Stack
        metadata:
          name: %s
        spec:
          platform: cpu
          services:
            ollama:
              image: %s
              port: %d
            webui:
              enabled: false
            mcpProxy:
              enabled: false
          extensions:
            enabled: []
        """
            .formatted(name, StandInImages.OLLAMA, DockerCli.freePort()));
  }

  @AfterAll
  void tearDown() throws Exception {
    if (work == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(work)) {
      // Deepest first; the socket symlink is deleted, never what it points at.
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private Cli cli() {
    return new Cli(work, work.resolve("home"))
        .unsetEnv("DOCKER_HOST")
        .unsetEnv("DOCKER_CONTEXT")
        .env("DOCKER_CONFIG", config.toString());
  }

  @Test
  void planReachesTheDaemonThroughTheCurrentContextAndNamesIt() {
    Cli.Result plan = cli().run("plan");

    assertThat(plan.exitCode()).as("%s", plan).isZero();
    assertThat(plan.out().lines().findFirst().orElseThrow())
        .startsWith("Installation \"" + name + "\"")
        .endsWith(" at " + host + " (context " + context + ")");
    String created =
        DockerCli.run("ps", "-aq", "--filter", "label=ollama-stack.installation=" + name);
    assertThat(created).as("plan creates nothing").isEmpty();
  }

  @Test
  void unknownDockerContextIsExit4WithOneErrorLine() {
    Cli.Result plan = cli().env("DOCKER_CONTEXT", "no-such-" + id).run("plan");

    assertThat(plan.exitCode()).as("%s", plan).isEqualTo(4);
    assertThat(plan.err().lines().filter(l -> l.startsWith("error: ")).toList())
        .singleElement()
        .asString()
        .contains("Docker context \"no-such-" + id + "\"", "DOCKER_CONTEXT", "not found");
    assertThat(plan.err()).contains("hint: run 'docker context ls'");
  }

  @Test
  void dockerHostWinsOverAnUnknownContext() {
    Cli.Result plan =
        cli().env("DOCKER_CONTEXT", "no-such-" + id).env("DOCKER_HOST", host).run("plan");

    assertThat(plan.exitCode()).as("%s", plan).isZero();
    assertThat(plan.out().lines().findFirst().orElseThrow()).endsWith(" at " + host);
  }

  private static String sha256(String s) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d);
  }
}
