package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path cwd;
  @TempDir Path home;

  private String render(String... args) throws Exception {
    return RenderGoldenTest.render(cwd, home, RenderGoldenTest.ROOT.resolve("default"), args);
  }

  @Test
  void composeRefersToTheSecretsFileAndPinsTheLockedImages() throws Exception {
    JsonNode compose = YAML.readTree(render());

    JsonNode webui = compose.at("/services/webui");
    assertThat(webui.at("/environment/WEBUI_SECRET_KEY").asText())
        .startsWith("${WEBUI_SECRET_KEY:?");
    assertThat(webui.at("/container_name").asText()).isEqualTo("demo-webui");
    assertThat(webui.at("/ports/0").asText()).isEqualTo("127.0.0.1:8080:8080");
    assertThat(webui.at("/image").asText())
        .isEqualTo(
            "ghcr.io/open-webui/open-webui@sha256:"
                + "2222222222222222222222222222222222222222222222222222222222222222");
    assertThat(compose.at("/volumes/demo_ollama_data/name").asText()).isEqualTo("demo_ollama_data");
    assertThat(compose.at("/volumes/demo_ollama_data/external").asBoolean()).isFalse();
    // Compose would interpolate a lone $: the shell variable of mcpo's command is escaped.
    assertThat(compose.at("/services/mcp-proxy/command/0").asText()).contains("\"$$MCPO_API_KEY\"");
  }

  @Test
  void includeSecretsPutsTheValuesInAndWritesTheFileOwnerOnly() throws Exception {
    String stdout = render("--include-secrets", "-o", "out.yaml");

    assertThat(stdout).isEmpty();
    Path out = cwd.resolve("out.yaml");
    JsonNode compose = YAML.readTree(out.toFile());
    assertThat(compose.at("/services/webui/environment/WEBUI_SECRET_KEY").asText())
        .isEqualTo(RenderGoldenTest.WEBUI_SECRET);
    assertThat(Files.getPosixFilePermissions(out))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void swarmPublishesNothingOnLocalhostAndSaysHowToReachTheServices() throws Exception {
    String text = render("--format", "swarm");

    JsonNode swarm = YAML.readTree(text);
    assertThat(swarm.at("/services/webui/ports").isMissingNode()).isTrue();
    assertThat(swarm.at("/networks/demo_network/attachable").asBoolean()).isTrue();
    assertThat(text)
        .contains("# expose: localhost publishes nothing on a Swarm")
        .contains("demo-webui:8080");
  }

  @Test
  void theFirstRenderGeneratesTheSecretsOnceAndNeverPrintsThem() throws Exception {
    Files.writeString(
        cwd.resolve("ollama-stack.yaml"),
        "apiVersion: ollama-stack/v1\nkind: Stack\nmetadata:\n  name: fresh\nspec:\n  platform: cpu\n");

    CliRun first = CliRun.run(cwd, home, Map.of(), "render");
    String secrets = Files.readString(home.resolve("fresh/secrets.env"));
    CliRun second = CliRun.run(cwd, home, Map.of(), "render");

    assertThat(first.exitCode()).isZero();
    assertThat(Files.readString(home.resolve("fresh/secrets.env"))).isEqualTo(secrets);
    assertThat(second.out()).isEqualTo(first.out());
    String key =
        secrets.lines().filter(l -> l.startsWith("WEBUI_SECRET_KEY=")).findFirst().orElseThrow();
    assertThat(first.out()).doesNotContain(key.substring("WEBUI_SECRET_KEY=".length()));
  }

  @Test
  void anUnknownFormatIsInvalidInput() {
    CliRun r = CliRun.run(cwd, home, Map.of(), "render", "--format", "helm");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("helm");
  }
}
