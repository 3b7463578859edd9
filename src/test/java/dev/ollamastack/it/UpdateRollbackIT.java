package dev.ollamastack.it;

import static dev.ollamastack.testsupport.DockerCli.inspect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.StandInImages;
import dev.ollamastack.testsupport.TestDocker;
import dev.ollamastack.testsupport.TestRegistry;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code update} backs up Open WebUI's volume before a new webui image migrates its database, and
 * {@code rollback} brings the previous digest and that database back together, against the real
 * registry and daemon through the packaged CLI. Ollama's volume is not touched; nothing to roll
 * back, or a damaged pre-update backup, is exit 3 with nothing changed.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpdateRollbackIT {
  private static final String OLLAMA = "ollama/ollama:latest";
  private static final String WEBUI = "open-webui/open-webui:main";
  private static final String DB = "/app/backend/data/webui.db";

  private final String name = "osit-" + UUID.randomUUID().toString().substring(0, 8);
  private TestRegistry registry;
  private Path work;
  private Path lockFile;
  private Cli cli;
  private String webuiV1;
  private String webuiV2;

  @BeforeAll
  void setUp() throws Exception {
    StandInImages.ensureBuilt();
    registry = TestRegistry.start();
    registry.publish(StandInImages.OLLAMA, OLLAMA, name);
    webuiV1 = registry.publish(StandInImages.WEBUI, WEBUI, name + "-v1");
    work = Files.createTempDirectory("rollback-it");
    lockFile = work.resolve("ollama-stack.lock");
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
              image: %s
              port: %d
            mcpProxy:
              enabled: false
          extensions:
            enabled: []
          backup:
            directory: ./backups
        """
            .formatted(
                name,
                registry.ref(OLLAMA),
                DockerCli.freePort(),
                registry.ref(WEBUI),
                DockerCli.freePort()));
    cli = new Cli(work, work.resolve("home"));
    Cli.Result r = cli.run("apply", "--yes");
    assertThat(r.exitCode()).as("%s", r).isZero();
  }

  @AfterAll
  void tearDown() {
    for (String kind : new String[] {"container", "volume", "network"}) {
      String ids =
          DockerCli.tryRun(
              kind,
              "ls",
              kind.equals("container") ? "-aq" : "-q",
              "--filter",
              "label=ollama-stack.installation=" + name);
      if (ids != null && !ids.isBlank()) {
        for (String id : ids.split("\\s+")) {
          DockerCli.tryRun(kind, "rm", kind.equals("container") ? "-f" : id, id);
        }
      }
    }
    if (registry != null) {
      registry.close();
    }
  }

  private static String brief(String digest) {
    return digest.substring(0, "sha256:".length() + 12) + "…";
  }

  private String webui() {
    return name + "-webui";
  }

  private String db() {
    return DockerCli.run("exec", webui(), "cat", DB);
  }

  private String runningWebuiDigest() {
    String imageId = inspect(webui(), "{{.Image}}");
    try (TestDocker docker = TestDocker.connect()) {
      return docker.repoDigests(imageId).stream()
          .filter(d -> d.startsWith(registry.host() + "/open-webui/open-webui@"))
          .map(d -> d.substring(d.indexOf('@') + 1))
          .findFirst()
          .orElse("(none)");
    }
  }

  @Test
  @Order(1)
  void nothingToRollBackBeforeAnUpdate() throws Exception {
    String lock = Files.readString(lockFile);
    Cli.Result r = cli.run("rollback", "--yes");
    assertThat(r.exitCode()).as("%s", r).isEqualTo(3);
    assertThat(r.err()).contains("error: nothing to roll back: no update of " + name);
    assertThat(Files.readString(lockFile)).isEqualTo(lock);
  }

  @Test
  @Order(2)
  void updateBacksUpWebuiFirstAndRollbackBringsTheOldDigestAndDatabaseBack() throws Exception {
    DockerCli.run("exec", webui(), "sh", "-c", "echo schema-v1 > " + DB);
    webuiV2 = registry.publish(StandInImages.WEBUI, WEBUI, name + "-v2");
    assertThat(webuiV2).isNotEqualTo(webuiV1);
    Cli.Result update = cli.run("update", "--yes");
    assertThat(update.exitCode()).as("%s", update).isZero();
    assertThat(update.out())
        .contains("~ container " + webui() + " (recreate)")
        .contains("first: back up volume " + name + "_webui_data to " + work.resolve("backups"))
        .contains("Backed up webui's volume to " + work.resolve("backups"));
    assertThat(update.out().indexOf("first: back up volume"))
        .as("the backup step is in the plan, before anything ran")
        .isLessThan(update.out().indexOf("Backed up webui's volume"));
    assertThat(runningWebuiDigest()).isEqualTo(webuiV2);
    assertThat(Files.readString(lockFile)).contains(webuiV2);
    try (Stream<Path> s = Files.list(work.resolve("backups"))) {
      assertThat(s.filter(p -> p.getFileName().toString().startsWith("backup-")).count())
          .isEqualTo(1);
    }
    // The new image "migrates" the database; Ollama's data changes after the update too.
    DockerCli.run("exec", webui(), "sh", "-c", "echo schema-v2 > " + DB);
    DockerCli.run("exec", name + "-ollama", "sh", "-c", "echo after > /root/.ollama/sentinel");
    String ollamaId = inspect(name + "-ollama", "{{.Id}}");

    Cli.Result dry = cli.run("rollback", "--dry-run");
    assertThat(dry.exitCode()).as("%s", dry).isZero();
    assertThat(dry.out())
        .contains("Rollback of the last update of " + name)
        .contains(brief(webuiV2) + " → " + brief(webuiV1))
        .contains("- stop " + webui() + " for the switch")
        .contains("~ volume " + name + "_webui_data: restored from the pre-update backup")
        .contains("~ container " + webui() + " (recreate)");
    assertThat(db()).isEqualTo("schema-v2");
    Cli.Result unattended = cli.run("rollback");
    assertThat(unattended.exitCode()).as("%s", unattended).isEqualTo(5);
    assertThat(runningWebuiDigest()).isEqualTo(webuiV2);

    Cli.Result r = cli.run("rollback", "--yes");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.out()).contains("Rollback complete");
    assertThat(runningWebuiDigest()).isEqualTo(webuiV1);
    assertThat(inspect(webui(), "{{.Config.Image}}"))
        .isEqualTo(registry.host() + "/open-webui/open-webui@" + webuiV1);
    assertThat(db()).isEqualTo("schema-v1");
    assertThat(Files.readString(lockFile))
        .contains("\"" + registry.ref(WEBUI) + "\": \"" + webuiV1 + "\"");
    assertThat(inspect(name + "-ollama", "{{.Id}}")).as("ollama untouched").isEqualTo(ollamaId);
    assertThat(DockerCli.run("exec", name + "-ollama", "cat", "/root/.ollama/sentinel"))
        .isEqualTo("after");
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();

    Cli.Result again = cli.run("rollback", "--yes");
    assertThat(again.exitCode()).as("only the last update is undone: %s", again).isEqualTo(3);
    assertThat(again.err()).contains("nothing to roll back");
  }

  @Test
  @Order(3)
  void aDamagedPreUpdateBackupIsRefusedWithNothingChanged() throws Exception {
    Cli.Result update = cli.run("update", "--yes");
    assertThat(update.exitCode()).as("%s", update).isZero();
    assertThat(runningWebuiDigest()).isEqualTo(webuiV2);
    DockerCli.run("exec", webui(), "sh", "-c", "echo schema-v2 > " + DB);
    Path record = work.resolve("home").resolve(name).resolve("rollback/last-update.json");
    Path backup = Path.of(new ObjectMapper().readTree(record.toFile()).path("backup").asText());
    Path archive = backup.resolve("volumes/" + name + "_webui_data.tar.gz");
    try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0xff);
    }
    String lock = Files.readString(lockFile);
    String id = inspect(webui(), "{{.Id}}");
    Cli.Result r = cli.run("rollback", "--yes");
    assertThat(r.exitCode()).as("%s", r).isEqualTo(3);
    assertThat(r.err()).contains("error: cannot roll back: the pre-update backup is damaged");
    assertThat(r.err()).contains("hint: nothing was changed");
    assertThat(inspect(webui(), "{{.Id}}")).isEqualTo(id);
    assertThat(inspect(webui(), "{{.State.Status}}")).isEqualTo("running");
    assertThat(db()).isEqualTo("schema-v2");
    assertThat(Files.readString(lockFile)).isEqualTo(lock);
  }
}
