package dev.ollamastack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.StandInImages;
import dev.ollamastack.testsupport.TestRegistry;
import dev.ollamastack.testsupport.VolumeFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code update --check} asks each listed model's registry (the OCI distribution API Ollama's
 * registry speaks) which manifest its tag points at and compares its digest with what Ollama
 * reports: a real registry on 127.0.0.1 (plain HTTP, as for Docker's insecure loopback registries)
 * holds the model, the Ollama stand-in holds the older manifest.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelCheckIT {
  private final String name = "osit-" + UUID.randomUUID().toString().substring(0, 8);
  private TestRegistry registry;
  private Path work;
  private Cli cli;
  private String model;
  private String gone;
  private final int ollamaPort = DockerCli.freePort();

  @BeforeAll
  void setUp() throws Exception {
    StandInImages.ensureBuilt();
    registry = TestRegistry.start();
    work = Files.createTempDirectory("model-check-it");
    cli = new Cli(work, work.resolve("home"));
    model = registry.host() + "/library/tiny:latest";
    gone = "127.0.0.1:" + DockerCli.freePort() + "/library/gone:latest";
    writeStack("[]");
    Cli.Result r = cli.run("apply", "--yes");
    assertThat(r.exitCode()).as("%s", r).isZero();
  }

  private void writeStack(String models) throws Exception {
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
              models: %s
              pruneModels: false
            webui:
              enabled: false
            mcpProxy:
              enabled: false
          extensions:
            enabled: []
        """
            .formatted(name, StandInImages.ollama(), ollamaPort, models));
  }

  /** Ollama holds {@code manifest} for {@code model}, where it keeps a pulled model's manifest. */
  private void ollamaHolds(String model, byte[] manifest) {
    String path = model.replace(":latest", "");
    VolumeFiles.run(
        name + "_ollama_data",
        "set -e; mkdir -p /d/models/manifests/"
            + path
            + "; printf '%s' '"
            + new String(manifest, StandardCharsets.UTF_8)
            + "' > /d/models/manifests/"
            + path
            + "/latest");
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

  @Test
  void aNewerManifestInTheRegistryIsReportedAndAnUnreachableOneIsSaidPerModel() throws Exception {
    byte[] v1 = registry.publishModel("library/tiny", "latest", name + "-v1");
    String v1Digest = "sha256:" + TestRegistry.sha256Hex(v1);
    assertThat(registry.digest("library/tiny:latest")).isEqualTo(v1Digest);
    ollamaHolds(model, v1);
    ollamaHolds(gone, v1);
    writeStack("[" + model + ", " + gone + "]");

    Cli.Result same = cli.run("update", "--check");
    assertThat(same.exitCode()).as("unreachable does not change the exit code: %s", same).isZero();
    assertThat(same.out())
        .containsPattern("model " + java.util.regex.Pattern.quote(model) + " +up to date \\(")
        .contains("model " + gone)
        .contains("not checked: " + gone.substring(0, gone.indexOf('/')) + " is unreachable")
        .contains("Everything is up to date.");

    byte[] v2 = registry.publishModel("library/tiny", "latest", name + "-v2");
    String v2Digest = "sha256:" + TestRegistry.sha256Hex(v2);
    Cli.Result newer = cli.run("update", "--check");
    assertThat(newer.exitCode()).as("%s", newer).isEqualTo(2);
    assertThat(newer.out())
        .contains("NEWER: " + v1Digest.substring(0, 19) + "… → " + v2Digest.substring(0, 19) + "…")
        .contains("1 model(s) can be updated: run 'ollama-stack update --models'");
    Cli.Result json = cli.run("update", "--check", "-o", "json");
    assertThat(json.exitCode()).isEqualTo(2);
    var models =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).path("models");
    assertThat(models.findValuesAsText("status")).containsExactlyInAnyOrder("NEWER", "UNREACHABLE");
    assertThat(models.findValuesAsText("latest")).contains(v2Digest);
  }
}
