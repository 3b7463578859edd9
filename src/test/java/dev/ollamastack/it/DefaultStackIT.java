package dev.ollamastack.it;

import static dev.ollamastack.testsupport.DockerCli.inspect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.health.HttpProbe;
import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.StandInImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * The README's first command on a machine with no stack file: {@code apply --yes} on the embedded
 * default, with the stand-ins tagged under the real image names (only where no such image exists: a
 * user's real image is never overwritten) and the default ports. Refuses to run where a real
 * installation named "ollama-stack" exists, so a developer's stack is never touched.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefaultStackIT {
  private static final String NAME = "ollama-stack";
  private List<String> tagged = List.of();
  private Path work;
  private Cli cli;

  @BeforeAll
  void setUp() throws Exception {
    StandInImages.ensureBuilt();
    String ours = DockerCli.run("ps", "-aq", "--filter", "label=ollama-stack.installation=" + NAME);
    String volumes = DockerCli.run("volume", "ls", "-q", "--filter", "name=" + NAME + "_");
    for (int port : new int[] {11434, 8080, 8200}) {
      if (HttpProbe.tcpOpen("127.0.0.1", port, Duration.ofMillis(300))) {
        unusable("port " + port + " is in use on this machine");
      }
    }
    if (!ours.isBlank() || !volumes.isBlank()) {
      unusable("an installation named \"" + NAME + "\" exists here; not touching it");
    }
    tagged = StandInImages.tagAsRealNamesIfAbsent();
    if (tagged.size() != StandInImages.REAL_NAMES.size()) {
      unusable(
          "real images exist locally (" + tagged + " tagged); the default stack would run them");
    }
    work = Files.createTempDirectory("default-stack-it");
    cli = new Cli(work, work.resolve("home"));
  }

  /** Outside CI a busy machine skips with the reason; in CI the test must run, so it fails. */
  private static void unusable(String why) {
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("DefaultStackIT cannot run: " + why);
    }
    throw new TestAbortedException(why);
  }

  @AfterAll
  void tearDown() {
    if (cli != null) {
      cli.run("stop");
      DockerCli.tryRun("volume", "rm", NAME + "_ollama_data", NAME + "_webui_data");
      DockerCli.tryRun("network", "rm", NAME + "_network");
    }
    StandInImages.removeTags(tagged);
  }

  @Test
  void applyYesOnTheEmbeddedDefaultBringsUpThreeHealthyServicesOnLocalhost() throws Exception {
    Cli.Result apply = cli.run("apply", "--yes");
    assertThat(apply.exitCode()).as("%s", apply).isZero();
    assertThat(apply.out()).contains("from <built-in default>").contains("Apply complete");
    for (String c :
        new String[] {"ollama-stack-ollama", "ollama-stack-webui", "ollama-stack-mcp-proxy"}) {
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
  }
}
