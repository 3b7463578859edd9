package dev.ollamastack.it;

import static dev.ollamastack.testsupport.DockerCli.inspect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.StandInImages;
import dev.ollamastack.testsupport.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A registry with htpasswd authentication: the tool reads the credentials {@code docker login}
 * leaves in {@code $DOCKER_CONFIG/config.json} ({@code auths}) for pulls and for asking the
 * registry about digests, and never prints them.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryAuthIT {
  private static final String IMAGE = "private/ollama:latest";
  private final String name = "osit-" + UUID.randomUUID().toString().substring(0, 8);
  private final String password = "pw-" + UUID.randomUUID();
  private TestRegistry registry;
  private Path work;
  private Path withLogin;
  private Path withoutLogin;

  @BeforeAll
  void setUp() throws Exception {
    StandInImages.ensureBuilt();
    registry = TestRegistry.withAuth("osit", password);
    registry.publish(StandInImages.OLLAMA, IMAGE, name);
    work = Files.createTempDirectory("registry-auth-it");
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
        """
            .formatted(name, registry.ref(IMAGE), DockerCli.freePort()));
    withLogin = Files.createDirectories(work.resolve("docker-login"));
    Files.writeString(withLogin.resolve("config.json"), registry.dockerConfigJson());
    withoutLogin = Files.createDirectories(work.resolve("docker-nobody"));
    Files.writeString(withoutLogin.resolve("config.json"), "{}\n");
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

  /** The CLI with {@code dockerConfig} as {@code DOCKER_CONFIG}, on the daemon the tests use. */
  private Cli cli(Path dockerConfig) {
    return new Cli(work, work.resolve("home"))
        .env("DOCKER_CONFIG", dockerConfig.toString())
        .env("DOCKER_HOST", DockerAvailable.Check.probe().host());
  }

  private void neverPrintsTheCredentials(Cli.Result r) {
    String basic =
        Base64.getEncoder().encodeToString(("osit:" + password).getBytes(StandardCharsets.UTF_8));
    assertThat(r.out() + r.err()).doesNotContain(password).doesNotContain(basic);
  }

  @Test
  @Order(1)
  void withoutCredentialsThePullFailsNamingTheImageAndTheRegistryError() {
    Cli.Result check = cli(withoutLogin).run("update", "--check");
    assertThat(check.exitCode()).as("%s", check).isEqualTo(1);
    assertThat(check.err()).contains("error: update: " + registry.ref(IMAGE));
    assertThat(check.err()).containsIgnoringCase("auth");
    Cli.Result apply = cli(withoutLogin).run("apply", "--yes");
    assertThat(apply.exitCode()).as("%s", apply).isEqualTo(1);
    assertThat(apply.err()).contains("image " + registry.ref(IMAGE) + ": FAILED");
    assertThat(apply.err()).containsIgnoringCase("auth");
    assertThat(DockerCli.exists("container", name + "-ollama")).isFalse();
  }

  @Test
  @Order(2)
  void withTheCredentialsOfConfigJsonItPullsPinsAndChecks() throws Exception {
    Cli.Result apply = cli(withLogin).run("apply", "--yes");
    assertThat(apply.exitCode()).as("%s", apply).isZero();
    neverPrintsTheCredentials(apply);
    assertThat(inspect(name + "-ollama", "{{.State.Status}}")).isEqualTo("running");
    assertThat(Files.readString(work.resolve("ollama-stack.lock")))
        .contains("\"" + registry.ref(IMAGE) + "\": \"" + registry.digest(IMAGE) + "\"");
    Cli.Result check = cli(withLogin).run("update", "--check");
    assertThat(check.exitCode()).as("%s", check).isZero();
    neverPrintsTheCredentials(check);
  }

  @Test
  @Order(3)
  void updatePullsTheNewDigestWithTheCredentials() {
    String before = inspect(name + "-ollama", "{{.Id}}");
    String v2 = registry.publish(StandInImages.OLLAMA, IMAGE, name + "-v2");
    Cli.Result update = cli(withLogin).run("update", "--yes", "--verbose");
    assertThat(update.exitCode()).as("%s", update).isZero();
    neverPrintsTheCredentials(update);
    assertThat(inspect(name + "-ollama", "{{.Id}}")).isNotEqualTo(before);
    assertThat(inspect(name + "-ollama", "{{.Config.Image}}"))
        .isEqualTo(registry.host() + "/private/ollama@" + v2);
    Cli.Result gone = cli(withLogin).run("uninstall", "--all", "--force");
    assertThat(gone.exitCode()).as("%s", gone).isZero();
  }
}
