package dev.ollamastack.it;

import static dev.ollamastack.testsupport.DockerCli.inspect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.StandInImages;
import dev.ollamastack.testsupport.TestDocker;
import dev.ollamastack.testsupport.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Images through their whole life against a real registry (Debian's docker-registry on 127.0.0.1)
 * and the real daemon, through the packaged CLI: apply pins the digests it pulled, update moves
 * them only when the registry's tag moved, a registry that goes down mid-update changes nothing,
 * {@code apply --locked} refuses a stale lock, cleanup removes the old digest's image only, and a
 * second machine with the same stack file and lock runs the locked digests after the tag moved on.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageLifecycleIT {
  private static final String OLLAMA = "ollama/ollama:latest";
  private static final String WEBUI = "open-webui/open-webui:main";
  private static final String MCPO = "open-webui/mcpo:main";

  private final String name = "osit-" + UUID.randomUUID().toString().substring(0, 8);
  private final String second = name + "-b";
  private TestRegistry registry;
  private Path work;
  private Path stackFile;
  private Path lockFile;
  private Cli cli;
  private String ollamaV1;
  private String ollamaV1Id;
  private String ollamaV2;

  @BeforeAll
  void setUp() throws Exception {
    StandInImages.ensureBuilt();
    registry = TestRegistry.start();
    ollamaV1 = registry.publish(StandInImages.OLLAMA, OLLAMA, name + "-v1");
    registry.publish(StandInImages.WEBUI, WEBUI, name);
    registry.publish(StandInImages.MCPO, MCPO, name);
    work = Files.createTempDirectory("lifecycle-it");
    stackFile = work.resolve("ollama-stack.yaml");
    lockFile = work.resolve("ollama-stack.lock");
    writeStack(stackFile, WEBUI);
    cli = machine(work, name);
  }

  /** The same stack file for every machine: name and ports come from the environment. */
  private void writeStack(Path file, String webui) throws Exception {
    Files.writeString(
        file,
        """
        apiVersion: ollama-stack/v1
        kind: Stack
        metadata:
          name: ${OSIT_NAME}
        spec:
          platform: cpu
          services:
            ollama:
              image: %s
              port: ${OSIT_OLLAMA_PORT}
            webui:
              image: %s
              port: ${OSIT_WEBUI_PORT}
            mcpProxy:
              image: %s
              port: ${OSIT_MCPO_PORT}
          extensions:
            enabled: [time]
        """
            .formatted(registry.ref(OLLAMA), registry.ref(webui), registry.ref(MCPO)));
  }

  private static Cli machine(Path dir, String installation) {
    return new Cli(dir, dir.resolve("home-" + installation))
        .env("OSIT_NAME", installation)
        .env("OSIT_OLLAMA_PORT", String.valueOf(DockerCli.freePort()))
        .env("OSIT_WEBUI_PORT", String.valueOf(DockerCli.freePort()))
        .env("OSIT_MCPO_PORT", String.valueOf(DockerCli.freePort()));
  }

  @AfterAll
  void tearDown() {
    for (String installation : new String[] {name, second}) {
      for (String kind : new String[] {"container", "volume", "network"}) {
        String ids =
            DockerCli.tryRun(
                kind,
                "ls",
                kind.equals("container") ? "-aq" : "-q",
                "--filter",
                "label=ollama-stack.installation=" + installation);
        if (ids != null && !ids.isBlank()) {
          for (String id : ids.split("\\s+")) {
            DockerCli.tryRun(kind, "rm", kind.equals("container") ? "-f" : id, id);
          }
        }
      }
    }
    if (registry != null) {
      registry.close();
    }
  }

  private String id(String installation, String service) {
    return inspect(installation + "-" + service, "{{.Id}}");
  }

  private Map<String, String> ids() {
    return Map.of(
        "ollama", id(name, "ollama"), "webui", id(name, "webui"), "mcp", id(name, "mcp-proxy"));
  }

  /** The registry digest of the image a container runs, in the registry's ollama repository. */
  private static String runningDigest(String container, String repository) {
    String imageId = inspect(container, "{{.Image}}");
    try (TestDocker docker = TestDocker.connect()) {
      return docker.repoDigests(imageId).stream()
          .filter(d -> d.startsWith(repository + "@"))
          .map(d -> d.substring(d.indexOf('@') + 1))
          .findFirst()
          .orElse("(none)");
    }
  }

  private static String brief(String digest) {
    return digest.substring(0, "sha256:".length() + 12) + "…";
  }

  @Test
  @Order(1)
  void applyPullsFromTheRegistryAndPinsWhatItPulled() throws Exception {
    Cli.Result r = cli.run("apply", "--yes");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.out()).contains("Wrote " + lockFile);
    String lock = Files.readString(lockFile);
    assertThat(lock)
        .contains("\"" + registry.ref(OLLAMA) + "\": \"" + ollamaV1 + "\"")
        .contains("\"" + registry.ref(WEBUI) + "\": \"" + registry.digest(WEBUI) + "\"")
        .contains("\"" + registry.ref(MCPO) + "\": \"" + registry.digest(MCPO) + "\"");
    // Nothing was pinned yet: created from the tag, then pinned to what runs.
    assertThat(runningDigest(name + "-ollama", registry.host() + "/ollama/ollama"))
        .isEqualTo(ollamaV1);
    ollamaV1Id = inspect(name + "-ollama", "{{.Image}}");
    Cli.Result plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as("%s", plan).isZero();
    assertThat(plan.out()).contains("image " + registry.ref(OLLAMA)).contains(brief(ollamaV1));
  }

  @Test
  @Order(2)
  void anUnchangedRegistryUpdatesNothing() throws Exception {
    Map<String, String> before = ids();
    String lock = Files.readString(lockFile);
    Cli.Result check = cli.run("update", "--check");
    assertThat(check.exitCode()).as("%s", check).isZero();
    assertThat(check.out()).contains("Everything is up to date.");
    Cli.Result update = cli.run("update", "--yes");
    assertThat(update.exitCode()).as("%s", update).isZero();
    assertThat(update.out()).contains("No changes");
    assertThat(ids()).isEqualTo(before);
    assertThat(Files.readString(lockFile)).isEqualTo(lock);
  }

  @Test
  @Order(3)
  void aRebuiltImageUnderTheSameTagIsReportedButAPlainApplyKeepsTheLockedOne() throws Exception {
    DockerCli.run("exec", name + "-ollama", "sh", "-c", "echo keep-me > /root/.ollama/sentinel");
    ollamaV2 = registry.publish(StandInImages.OLLAMA, OLLAMA, name + "-v2");
    assertThat(ollamaV2).isNotEqualTo(ollamaV1);
    Cli.Result check = cli.run("update", "--check");
    assertThat(check.exitCode()).as("%s", check).isEqualTo(2);
    assertThat(check.out())
        .contains(registry.ref(OLLAMA) + " ")
        .contains("NEWER: " + brief(ollamaV1) + " → " + brief(ollamaV2))
        .contains(registry.ref(WEBUI) + " up to date");
    // The tag moved upstream, but only update moves the lock: apply changes nothing.
    Map<String, String> before = ids();
    Cli.Result apply = cli.run("apply", "--yes");
    assertThat(apply.exitCode()).as("%s", apply).isZero();
    assertThat(ids()).isEqualTo(before);
  }

  @Test
  @Order(4)
  void aRegistryStoppedMidUpdateChangesNothingAndLeavesTheLock() throws Exception {
    Map<String, String> before = ids();
    String lock = Files.readString(lockFile);
    // Down once the daemon asks for the webui image, after the ollama pull began.
    registry.stopOn("/v2/open-webui/");
    Cli.Result update = cli.run("update", "--yes");
    registry.restart();
    assertThat(update.exitCode()).as("%s", update).isEqualTo(1);
    assertThat(update.err()).contains("error: update: " + registry.host() + "/");
    assertThat(update.err()).contains("hint: nothing was changed");
    assertThat(Files.readString(lockFile)).isEqualTo(lock);
    assertThat(ids()).isEqualTo(before);
    for (String service : new String[] {"ollama", "webui", "mcp-proxy"}) {
      assertThat(inspect(name + "-" + service, "{{.State.Status}}")).isEqualTo("running");
    }
    assertThat(runningDigest(name + "-ollama", registry.host() + "/ollama/ollama"))
        .isEqualTo(ollamaV1);
  }

  @Test
  @Order(5)
  void updateRecreatesOnlyTheChangedServiceAndKeepsItsData() throws Exception {
    Map<String, String> before = ids();
    Cli.Result update = cli.run("update", "--yes");
    assertThat(update.exitCode()).as("%s", update).isZero();
    assertThat(update.out())
        .contains("~ container " + name + "-ollama (recreate)")
        .contains("image " + registry.ref(OLLAMA) + " " + brief(ollamaV1) + " → " + brief(ollamaV2))
        .contains("Plan: 0 to create, 1 to recreate, 0 to remove.");
    Map<String, String> after = ids();
    assertThat(after.get("ollama")).isNotEqualTo(before.get("ollama"));
    assertThat(after.get("webui")).isEqualTo(before.get("webui"));
    assertThat(after.get("mcp")).isEqualTo(before.get("mcp"));
    assertThat(runningDigest(name + "-ollama", registry.host() + "/ollama/ollama"))
        .isEqualTo(ollamaV2);
    // Pinned now: created from the digest, whatever the tag points at.
    assertThat(inspect(name + "-ollama", "{{.Config.Image}}"))
        .isEqualTo(registry.host() + "/ollama/ollama@" + ollamaV2);
    assertThat(Files.readString(lockFile))
        .contains("\"" + registry.ref(OLLAMA) + "\": \"" + ollamaV2 + "\"");
    assertThat(DockerCli.run("exec", name + "-ollama", "cat", "/root/.ollama/sentinel"))
        .isEqualTo("keep-me");
    assertThat(cli.run("plan", "--detailed-exitcode").exitCode()).isZero();
  }

  @Test
  @Order(6)
  void applyLockedRefusesAMissingOrStaleLockAndChangesNothing() throws Exception {
    Map<String, String> before = ids();
    Path stale = Files.createTempDirectory(work, "stale");
    registry.publish(StandInImages.WEBUI, "open-webui/open-webui:v2", name);
    writeStack(stale.resolve("ollama-stack.yaml"), "open-webui/open-webui:v2");
    Cli staleCli = cli.inDirectory(stale);
    Cli.Result missing = staleCli.run("apply", "--locked", "--yes");
    assertThat(missing.exitCode()).as("%s", missing).isEqualTo(5);
    assertThat(missing.err()).contains("--locked: there is no lock file");
    Files.copy(lockFile, stale.resolve("ollama-stack.lock"));
    Cli.Result r = staleCli.run("apply", "--locked", "--yes");
    assertThat(r.exitCode()).as("%s", r).isEqualTo(5);
    assertThat(r.err())
        .contains(
            "does not cover the stack file: no pin for image "
                + registry.ref("open-webui/open-webui:v2"));
    assertThat(ids()).isEqualTo(before);
    assertThat(Files.readString(stale.resolve("ollama-stack.lock")))
        .isEqualTo(Files.readString(lockFile));
  }

  @Test
  @Order(7)
  void cleanupRemovesTheOldDigestsImageAndNothingElse() throws Exception {
    Map<String, String> before = ids();
    Cli.Result dry = cli.run("cleanup", "--dry-run");
    assertThat(dry.exitCode()).as("%s", dry).isZero();
    assertThat(dry.out())
        .contains("  - image " + registry.host() + "/ollama/ollama@" + ollamaV1)
        .contains("Plan: 0 to create, 0 to recreate, 1 to remove.");
    Cli.Result r = cli.run("cleanup", "--yes");
    assertThat(r.exitCode()).as("%s", r).isZero();
    try (TestDocker docker = TestDocker.connect()) {
      assertThat(docker.imageId(ollamaV1Id)).as("the old digest's image").isEmpty();
      assertThat(docker.imageId(registry.host() + "/ollama/ollama@" + ollamaV2)).isPresent();
      assertThat(
              docker.imageId(registry.host() + "/open-webui/open-webui@" + registry.digest(WEBUI)))
          .isPresent();
      assertThat(docker.imageId(StandInImages.OLLAMA))
          .as("the stand-in it was built from")
          .isPresent();
    }
    assertThat(ids()).isEqualTo(before);
    assertThat(DockerCli.exists("volume", name + "_ollama_data")).isTrue();
    assertThat(cli.run("cleanup", "--dry-run").out()).contains("Nothing to clean up.");
  }

  @Test
  @Order(8)
  void aSecondMachineGetsTheLockedDigestsAfterTheTagMoved() throws Exception {
    // The first machine goes, with its images: the second must pull the locked digest itself.
    Cli.Result gone = cli.run("uninstall", "--remove-images", "--remove-volumes", "--force");
    assertThat(gone.exitCode()).as("%s", gone).isZero();
    String ollamaV3 = registry.publish(StandInImages.OLLAMA, OLLAMA, name + "-v3");
    Path other = Files.createTempDirectory("lifecycle-it-second");
    Files.copy(stackFile, other.resolve("ollama-stack.yaml"));
    Files.copy(lockFile, other.resolve("ollama-stack.lock"));
    Cli machine2 = machine(other, second);
    Cli.Result r = machine2.run("apply", "--locked", "--yes");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.out()).contains("image " + registry.ref(OLLAMA) + " " + brief(ollamaV2));
    assertThat(inspect(second + "-ollama", "{{.Config.Image}}"))
        .isEqualTo(registry.host() + "/ollama/ollama@" + ollamaV2);
    assertThat(runningDigest(second + "-ollama", registry.host() + "/ollama/ollama"))
        .isEqualTo(ollamaV2)
        .isNotEqualTo(ollamaV3);
    assertThat(Files.readString(other.resolve("ollama-stack.lock")))
        .as("--locked never rewrites the lock")
        .isEqualTo(Files.readString(lockFile));
    Cli.Result check = machine2.run("update", "--check");
    assertThat(check.exitCode()).as("%s", check).isEqualTo(2);
    Cli.Result end = machine2.run("uninstall", "--all", "--force");
    assertThat(end.exitCode()).as("%s", end).isZero();
  }
}
