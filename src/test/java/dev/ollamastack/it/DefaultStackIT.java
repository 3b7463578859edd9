package dev.ollamastack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.testsupport.CiRequires;
import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.PrivateDockerd;
import dev.ollamastack.testsupport.StandInImages;
import dev.ollamastack.testsupport.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The README's first command on a clean machine: {@code apply --yes} with no stack file, on the
 * embedded default, which names the real images and the default ports.
 *
 * <p>The clean machine is a {@link PrivateDockerd} with the stand-ins tagged under the real names,
 * in a network namespace of its own: real images, an installation named "ollama-stack" or a process
 * on port 8080 of this machine are neither in the way nor touched. The CLI runs inside that
 * namespace, so its published ports (docker-proxy on 127.0.0.1) are the ones it probes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefaultStackIT {
  private static final String[] CONTAINERS = {
    "ollama-stack-ollama", "ollama-stack-webui", "ollama-stack-mcp-proxy"
  };

  private PrivateDockerd dockerd;
  private Map<String, Optional<String>> sharedRealImages;
  private Path work;
  private Cli cli;

  @BeforeAll
  void setUp() throws Exception {
    PrivateDockerd.unavailableReason()
        .ifPresent(why -> CiRequires.that(false, "a private dockerd for DefaultStackIT: " + why));
    sharedRealImages = realImagesOnTheSharedDaemon();
    dockerd = PrivateDockerd.start();
    StandInImages.tagAsRealNames(dockerd.env());
    work = Files.createTempDirectory("default-stack-it");
    cli =
        new Cli(work, work.resolve("home"))
            .env("DOCKER_HOST", dockerd.dockerHost())
            .prefix(dockerd.inNetns());
  }

  @AfterAll
  void tearDown() {
    if (dockerd != null) {
      dockerd.close(); // its containers, volumes and images go with it
    }
  }

  private String inspect(String container, String format) {
    return DockerCli.runOn(dockerd.dockerHost(), "inspect", "--format", format, container);
  }

  @Test
  void applyYesOnTheEmbeddedDefaultBringsUpThreeHealthyServicesOnLocalhost() throws Exception {
    Cli.Result apply = cli.run("apply", "--yes");
    assertThat(apply.exitCode()).as("%s", apply).isZero();
    assertThat(apply.out()).contains("from <built-in default>").contains("Apply complete");
    for (String c : CONTAINERS) {
      assertThat(inspect(c, "{{.State.Status}}")).isEqualTo("running");
      assertThat(inspect(c, "{{json .HostConfig.PortBindings}}"))
          .contains("\"HostIp\":\"127.0.0.1\"");
    }
    assertThat(inspect("ollama-stack-webui", "{{.Config.Image}}"))
        .isEqualTo("ghcr.io/open-webui/open-webui:main");
    assertThat(work.resolve("home/ollama-stack/secrets.env")).exists();

    Cli.Result plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as("%s", plan).isZero();

    Cli.Result status = cli.run("status", "-o", "json");
    assertThat(status.exitCode()).as("%s", status).isZero();
    JsonNode doc = new ObjectMapper().readTree(status.out());
    assertThat(doc.toString()).contains("ollama-stack-webui");
    // healthy = its probe answered on the published port: docker-proxy on 127.0.0.1 works
    Map<String, String> health = new TreeMap<>();
    doc.path("services")
        .forEach(s -> health.put(s.path("service").asText(), s.path("health").asText()));
    assertThat(health)
        .containsEntry("ollama", "healthy")
        .containsEntry("webui", "healthy")
        .containsEntry("mcp-proxy", "healthy");

    assertThat(realImagesOnTheSharedDaemon())
        .as("images under the real names on the shared daemon")
        .isEqualTo(sharedRealImages);
  }

  /**
   * The ids of images under the real names on the test JVM's daemon (empty: none, or no daemon).
   */
  private static Map<String, Optional<String>> realImagesOnTheSharedDaemon() {
    Map<String, Optional<String>> ids = new TreeMap<>();
    if (!DockerAvailable.Check.probe().available()) {
      return ids;
    }
    try (TestDocker docker = TestDocker.connect()) {
      StandInImages.REAL_NAMES.values().forEach(n -> ids.put(n, docker.imageId(n)));
    }
    return ids;
  }
}
