package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.app.AppContext;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan/apply/diff/stop through the CLI, in-process, against the in-memory engine. */
class ReconcileCommandsTest {
  @TempDir Path dir;
  final FakeDockerEngine engine =
      new FakeDockerEngine()
          .withImages(
              "ollama/ollama:latest",
              "ghcr.io/open-webui/open-webui:main",
              "ghcr.io/open-webui/mcpo:main");

  CliRun run(String... args) {
    AppContext ctx =
        new AppContext(Map.of(), dir, dir.resolve("home"), false, () -> engine, new FakeHost());
    return CliRun.run(Main.commandLine(ctx, false), args);
  }

  @Test
  void mutuallyExclusiveOptionsGiveOneErrorLineWithoutPicocliPrefix() {
    CliRun r = run("reconcile", "--once", "--watch");
    assertThat(r.exitCode()).isEqualTo(dev.ollamastack.model.ExitCode.INVALID_INPUT.code());
    assertThat(r.err())
        .startsWith("error: --once, --watch are mutually exclusive")
        .doesNotContain("Error:")
        .contains("hint: run 'ollama-stack reconcile --help' for usage");
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void planJsonIsOneParseableDocumentWithTheStableFields() throws Exception {
    CliRun r = run("plan", "-o", "json");
    assertThat(r.exitCode()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.path("formatVersion").asInt()).isEqualTo(1);
    assertThat(doc.path("installation").asText()).isEqualTo("ollama-stack");
    assertThat(doc.path("summary").path("create").asInt()).isEqualTo(8);
    assertThat(doc.path("actions").get(0).path("kind").asText()).isEqualTo("network");
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void planYamlIsTheSameDocumentAsJsonInYaml() throws Exception {
    CliRun yaml = run("plan", "-o", "yaml");
    CliRun json = run("plan", "-o", "json");
    assertThat(yaml.exitCode()).isZero();
    assertThat(yaml.out()).doesNotStartWith("{").contains("formatVersion: 1");
    JsonNode fromYaml =
        new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .readTree(yaml.out());
    assertThat(fromYaml).isEqualTo(new ObjectMapper().readTree(json.out()));
  }

  @Test
  void diffShowsTheChangedFieldAndExits2WithDetailedExitCode() throws Exception {
    Converged.apply(
        new AppContext(Map.of(), dir, dir.resolve("home"), false, () -> engine, new FakeHost()),
        engine);
    CliRun same = run("diff", "--detailed-exitcode");
    assertThat(same.exitCode()).isZero();
    assertThat(same.out()).contains("No differences");
    Files.writeString(
        dir.resolve("ollama-stack.yaml"),
        """
        apiVersion: ollama-stack/v1
        kind: Stack
        spec:
          platform: cpu
          services:
            ollama:
              env: {OLLAMA_KEEP_ALIVE: 24h}
          extensions:
            enabled: [time]
        """);
    CliRun diff = run("diff", "--detailed-exitcode");
    assertThat(diff.exitCode()).isEqualTo(2);
    assertThat(diff.out())
        .contains("--- actual/container/ollama-stack-ollama")
        .contains("+     \"OLLAMA_KEEP_ALIVE\" : \"24h\"")
        .doesNotContain("ollama-stack-webui");
  }

  @Test
  void detailedExitCodeIs2WithChanges() {
    assertThat(run("plan", "--detailed-exitcode").exitCode()).isEqualTo(2);
  }

  @Test
  void applyWithoutATerminalAndWithoutYesRefusesAndChangesNothing() {
    CliRun r = run("apply");
    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.err())
        .contains("error: confirmation needed but stdin is not a terminal")
        .contains("hint: ");
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void dockerDownIsExit4WithOneLineAndAHint() {
    engine.unreachable = true;
    CliRun r = run("plan");
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.err().lines().toList()).hasSize(2);
    assertThat(r.err())
        .startsWith("error: cannot reach the Docker engine at unix:///fake.sock")
        .contains("hint:");
  }

  @Test
  void invalidStackFileIsExit3BeforeAnyDockerCall() throws Exception {
    Files.writeString(
        dir.resolve("ollama-stack.yaml"),
        "apiVersion: ollama-stack/v1\nkind: Stack\nspec:\n  platfrom: cpu\n");
    engine.unreachable = true; // a Docker call would give exit 4
    CliRun r = run("apply", "--yes");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("ollama-stack.yaml:4:3").contains("did you mean \"platform\"");
  }

  @Test
  void unknownServiceIsExit3ListingValidNames() {
    CliRun r = run("stop", "olama");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("unknown service olama").contains("ollama, webui, mcp-proxy");
  }

  @Test
  void savedPlanIsRefusedWhenStale() {
    Path planFile = dir.resolve("plan.json");
    assertThat(run("plan", "--out", planFile.toString()).exitCode()).isZero();
    engine.addContainer(
        "someone-else", "busybox", Map.of("ollama-stack.installation", "ollama-stack"), "running");
    CliRun r = run("apply", planFile.toString());
    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.err()).contains("saved plan is stale");
  }

  @Test
  void aLostSecretsFileIsRecoveredFromTheRunningContainersSoNobodyIsLoggedOut() throws Exception {
    // Unpublished ports: readiness then comes from the (fake) Docker health status.
    Files.writeString(
        dir.resolve("ollama-stack.yaml"),
        "apiVersion: ollama-stack/v1\nkind: Stack\nspec:\n  services:\n"
            + "    ollama: {port: null}\n    webui: {port: null}\n    mcpProxy: {port: null}\n");
    CliRun first = run("apply", "--yes", "--timeout", "5s");
    assertThat(first.exitCode()).as("%s", first).isZero();
    Path secrets = dir.resolve("home/ollama-stack/secrets.env");
    String before = Files.readString(secrets);
    Files.delete(secrets);

    CliRun plan = run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as("%s", plan).isZero();
    assertThat(secrets).doesNotExist(); // plan writes nothing

    engine.clearMutations();
    assertThat(run("apply", "--yes", "--timeout", "5s").exitCode()).isZero();
    assertThat(engine.mutations()).isEmpty();
    assertThat(Files.readString(secrets)).isEqualTo(before);
  }

  @Test
  void badFlagIsExit3() {
    CliRun r = run("plan", "--frobnicate");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("Unknown option: '--frobnicate'");
  }
}
