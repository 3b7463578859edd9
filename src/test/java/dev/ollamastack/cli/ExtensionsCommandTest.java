package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code extensions list|info|enable|disable} in-process against the in-memory engine: what they
 * print, what they change in the stack file, and that a refusal changes nothing.
 */
class ExtensionsCommandTest {
  private static final String STACK =
      """
      # my stack: this comment and the layout below must survive an edit
      apiVersion: ollama-stack/v1
      kind: Stack
      spec:
        platform: cpu   # no GPU here
        extensions:
          enabled:
            - time      # always
      """;

  @TempDir Path dir;
  final FakeDockerEngine engine =
      new FakeDockerEngine()
          .withImages(
              "ollama/ollama:latest",
              "ghcr.io/open-webui/open-webui:main",
              "ghcr.io/open-webui/mcpo:main");

  @BeforeEach
  void writeStackFile() throws IOException {
    Files.writeString(dir.resolve("ollama-stack.yaml"), STACK);
  }

  CliRun run(String... args) {
    AppContext ctx =
        new AppContext(Map.of(), dir, dir.resolve("home"), false, () -> engine, new FakeHost());
    return CliRun.run(Main.commandLine(ctx, false), args);
  }

  private String stackFile() throws IOException {
    return Files.readString(dir.resolve("ollama-stack.yaml"));
  }

  /** A user extension under the default {@code ./extensions} path. */
  private void userExtension(String name, String specBody) throws IOException {
    Path d = Files.createDirectories(dir.resolve("extensions").resolve(name));
    Files.writeString(
        d.resolve("extension.yaml"),
        "apiVersion: ollama-stack/v1\nkind: Extension\nmetadata: {name: "
            + name
            + ", description: A test of requirements}\nspec:\n"
            + specBody);
  }

  @Test
  void listShowsTheCatalogWithWhatTheStackEnablesAndWhetherItIsServed() {
    CliRun r = run("extensions", "list");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("NAME").contains("SOURCE", "RUNS", "ENABLED", "STATE");
    assertThat(lines)
        .anySatisfy(
            l -> assertThat(l).matches("time +built-in +stdio +yes +not running +Current time.*"))
        .anySatisfy(l -> assertThat(l).matches("memory +built-in +stdio +no +- +A knowledge.*"))
        .anySatisfy(l -> assertThat(l).startsWith("fetch "))
        .anySatisfy(l -> assertThat(l).startsWith("filesystem "))
        .hasSize(5);
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void listEnabledShowsOnlyWhatTheStackFileEnables() {
    CliRun r = run("extensions", "list", "--enabled");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().lines().skip(1).map(l -> l.split(" +")[0]).toList()).containsExactly("time");
  }

  @Test
  void infoShowsTheManifestTheVolumeAndTheToolServerUrl() {
    CliRun r = run("extensions", "info", "memory");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("memory — A knowledge graph")
        .contains("  source:       built-in\n")
        .contains("  runs:         stdio\n")
        .contains("  needs:        no secrets\n")
        .contains("  volume:       ollama-stack_ext_memory_data → /ext/memory/data\n")
        .contains(
            "  tool server:  http://ollama-stack-mcp-proxy:8000/memory (bearer: MCPO_API_KEY)\n")
        .contains("  enabled:      no\n");
  }

  @Test
  void infoOfAnUnknownNameExits3WithAHint() {
    CliRun r = run("extensions", "info", "tiem");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("error: unknown extension \"tiem\"")
        .contains("hint: 'ollama-stack extensions list' shows the catalog");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void enableEditsOnlyTheListKeepingCommentsAndShowsTheFileDiffAndThePlan() throws IOException {
    CliRun r = run("extensions", "enable", "memory");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(stackFile()).isEqualTo(STACK.replace("# always\n", "# always\n      - memory\n"));
    assertThat(r.out())
        .contains("--- " + dir.resolve("ollama-stack.yaml"))
        .contains("+       - memory")
        .contains("+ volume ollama-stack_ext_memory_data")
        .contains("Plan: ");
    assertThat(engine.mutations()).as("without --apply nothing is applied").isEmpty();
  }

  @Test
  void enablingWhatIsAlreadyEnabledChangesNothing() throws IOException {
    CliRun r = run("extensions", "enable", "time");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("No change: time is already enabled in");
    assertThat(stackFile()).isEqualTo(STACK);
  }

  @Test
  void disableRemovesItFromTheListAndKeepsEverythingElse() throws IOException {
    run("extensions", "enable", "memory");
    CliRun r = run("extensions", "disable", "time");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("-       - time      # always");
    assertThat(stackFile())
        .startsWith("# my stack: this comment")
        .contains("platform: cpu   # no GPU here")
        .doesNotContain("- time")
        .contains("- memory");
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void enablingAnUnknownNameExits3NamingTheCatalogAndLeavesTheFileAlone() throws IOException {
    CliRun r = run("extensions", "enable", "tiem");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("error: unknown extension \"tiem\"")
        .contains("hint: known: fetch, filesystem, memory, time ('ollama-stack extensions list')");
    assertThat(stackFile()).isEqualTo(STACK);
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void aMissingRequiredSecretIsRefusedBeforeTheFileChanges() throws IOException {
    userExtension(
        "github",
        "  requirements: {secrets: [GITHUB_TOKEN]}\n"
            + "  stdio: {command: npx, args: [-y, '@modelcontextprotocol/server-github']}\n");
    CliRun r = run("extensions", "enable", "github");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("error: extension github needs the secret GITHUB_TOKEN, which is not in ")
        .contains("hint: set it with 'ollama-stack secrets set GITHUB_TOKEN'");
    assertThat(stackFile()).isEqualTo(STACK);
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void withTheSecretStoredTheSameExtensionIsEnabledAndItsValueNeverPrinted() throws IOException {
    userExtension(
        "github",
        "  requirements: {secrets: [GITHUB_TOKEN]}\n"
            + "  stdio: {command: npx, args: [-y, '@modelcontextprotocol/server-github']}\n");
    CliRun set = SecretsCommandTest.setSecret(this::context, "GITHUB_TOKEN", "ghp-very-secret");
    assertThat(set.exitCode()).as(set.err()).isZero();
    CliRun r = run("extensions", "enable", "github");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(stackFile()).contains("- github");
    assertThat(r.out() + r.err()).doesNotContain("ghp-very-secret");
  }

  @Test
  void anUnsupportedPlatformIsRefusedBeforeTheFileChanges() throws IOException {
    engine.architecture = "x86_64";
    userExtension(
        "armonly",
        "  platforms: [linux/arm64]\n" + "  stdio: {command: npx, args: [-y, some-server]}\n");
    CliRun r = run("extensions", "enable", "armonly");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains(
            "error: extension armonly runs on linux/arm64, but the Docker engine is linux/amd64")
        .contains(
            "hint: remove armonly from spec.extensions.enabled, or use another Docker engine");
    assertThat(stackFile()).isEqualTo(STACK);
  }

  @Test
  void startOfAnExtensionThatIsNotEnabledExits3NamingWhatIs() {
    CliRun r = run("extensions", "restart", "memory");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("error: extension \"memory\" is not enabled in the stack file")
        .contains("hint: enabled: time; enable it with 'ollama-stack extensions enable memory'");
    assertThat(engine.mutations()).isEmpty();
  }

  AppContext context() {
    return new AppContext(Map.of(), dir, dir.resolve("home"), false, () -> engine, new FakeHost());
  }
}
