package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ollamastack.model.ExtensionsSpec;
import dev.ollamastack.model.GpuRequest;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.StackSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLoaderTest {
  private static final String HEADER = "apiVersion: ollama-stack/v1\nkind: Stack\n";

  @TempDir Path dir;

  private LoadedStack load(String yaml) throws IOException {
    return load(yaml, Map.of());
  }

  private LoadedStack load(String yaml, Map<String, String> env) throws IOException {
    Files.writeString(dir.resolve("ollama-stack.yaml"), yaml);
    return new StackLoader(env, dir).load(null);
  }

  @Test
  void aFileWithOnlyApiVersionAndKindIsTheDefaultStack() throws IOException {
    LoadedStack loaded = load(HEADER);

    assertThat(loaded.spec()).isEqualTo(StackSpec.defaults());
    assertThat(loaded.displayName()).isEqualTo("ollama-stack.yaml");
    assertThat(loaded.path()).isEqualTo(dir.resolve("ollama-stack.yaml"));
    assertThat(loaded.warnings()).isEmpty();
  }

  @Test
  void emptySectionsTakeTheirDefaults() throws IOException {
    LoadedStack loaded = load(HEADER + "metadata:\nspec:\n");
    assertThat(loaded.spec()).isEqualTo(StackSpec.defaults());
  }

  @Test
  void withoutAnyFileTheEmbeddedDefaultDetectsThePlatformAndEnablesTheTimeExtension() {
    LoadedStack loaded = new StackLoader(Map.of(), dir).load(null);

    assertThat(loaded.embedded()).isTrue();
    assertThat(loaded.displayName()).isEqualTo(StackLoader.EMBEDDED_NAME);
    assertThat(loaded.spec().platform()).isEqualTo(Platform.AUTO);
    assertThat(loaded.spec().extensions().enabled()).containsExactly("time");
    assertThat(loaded.contentSha256()).hasSize(64);
  }

  @Test
  void theFlagWinsOverTheVariableWhichWinsOverTheWorkingDirectory() throws IOException {
    Files.writeString(dir.resolve("ollama-stack.yaml"), HEADER + "metadata: {name: local}\n");
    Files.writeString(dir.resolve("env.yaml"), HEADER + "metadata: {name: from-env}\n");
    Files.writeString(dir.resolve("flag.yaml"), HEADER + "metadata: {name: from-flag}\n");
    Map<String, String> env = Map.of("OLLAMA_STACK_FILE", "env.yaml");

    assertThat(new StackLoader(env, dir).load(Path.of("flag.yaml")).spec().name())
        .isEqualTo("from-flag");
    assertThat(new StackLoader(env, dir).load(null).spec().name()).isEqualTo("from-env");
    assertThat(new StackLoader(Map.of(), dir).load(null).spec().name()).isEqualTo("local");
  }

  @Test
  void aMissingFileNamedWithTheFlagIsAnErrorNotTheDefault() {
    InvalidStackException e =
        catchThrowableOfType(
            InvalidStackException.class,
            () -> new StackLoader(Map.of(), dir).load(Path.of("nope.yaml")));

    assertThat(e.getMessage()).isEqualTo("nope.yaml: file not found");
    assertThat(e.hint()).contains("-f");
    assertThat(e.exitCode().code()).isEqualTo(3);
  }

  @Test
  void aMissingFileNamedByTheVariableSaysSo() {
    InvalidStackException e =
        catchThrowableOfType(
            InvalidStackException.class,
            () -> new StackLoader(Map.of("OLLAMA_STACK_FILE", "gone.yaml"), dir).load(null));

    assertThat(e.getMessage()).isEqualTo("gone.yaml: file not found");
    assertThat(e.hint()).contains("$OLLAMA_STACK_FILE");
  }

  @Test
  void aTenMegabyteFileIsRefusedUnparsed() throws IOException {
    Path big = dir.resolve("big.yaml");
    try (OutputStream out = Files.newOutputStream(big)) {
      byte[] line =
          "# padding padding padding padding padding padding padding padding\n".getBytes();
      for (long written = 0; written < 10L * 1024 * 1024; written += line.length) {
        out.write(line);
      }
    }

    InvalidStackException e =
        catchThrowableOfType(
            InvalidStackException.class, () -> new StackLoader(Map.of(), dir).load(big));

    assertThat(e.getMessage())
        .startsWith(big + ":1:1: file is 10.0 MB; a stack file is at most 1 MB");
  }

  @Test
  void anchorsAndAliasesRepeatValuesWithinTheLimits() throws IOException {
    String yaml =
        HEADER
            + "spec:\n  services:\n"
            + "    ollama:\n      resources: &limits {memory: 4g, cpus: 2}\n"
            + "    webui:\n      resources: *limits\n"
            + "      env: &env {ENABLE_SIGNUP: false, WEBUI_NAME: &name Lab}\n"
            + "    mcpProxy:\n      env: *env\n"
            + "  extensions:\n    settings:\n      time: {env: {LOCAL_TIMEZONE: *name}}\n";

    StackSpec spec = load(yaml).spec();

    assertThat(spec.webui().resources()).isEqualTo(spec.ollama().resources());
    assertThat(spec.mcpProxy().env())
        .isEqualTo(spec.webui().env())
        .containsEntry("WEBUI_NAME", "Lab");
    assertThat(spec.extensions().settings().get("time").env())
        .containsEntry("LOCAL_TIMEZONE", "Lab");
  }

  @Test
  void aDirectoryIsNotAStackFile() throws IOException {
    Files.createDirectory(dir.resolve("sub"));
    InvalidStackException e =
        catchThrowableOfType(
            InvalidStackException.class, () -> new StackLoader(Map.of(), dir).load(Path.of("sub")));
    assertThat(e.getMessage()).isEqualTo("sub: is a directory, not a stack file");
  }

  @Test
  void variablesAreInterpolatedWithDefaultsAndEscapes() throws IOException {
    String yaml =
        HEADER
            + "spec:\n  services:\n    webui:\n"
            + "      image: ${REGISTRY}/open-webui:${TAG:-main}\n"
            + "      port: ${WEBUI_PORT:-3000}\n"
            + "      env:\n        TEMPLATE: \"$${NOT_A_VAR} costs $5\"\n";

    StackSpec spec = load(yaml, Map.of("REGISTRY", "ghcr.io/me")).spec();

    assertThat(spec.webui().image()).isEqualTo("ghcr.io/me/open-webui:main");
    assertThat(spec.webui().port()).isEqualTo(3000);
    assertThat(spec.webui().env()).containsEntry("TEMPLATE", "${NOT_A_VAR} costs $5");
  }

  @Test
  void aSetVariableWinsOverItsDefault() throws IOException {
    String yaml = HEADER + "spec:\n  services:\n    webui:\n      port: ${WEBUI_PORT:-3000}\n";
    assertThat(load(yaml, Map.of("WEBUI_PORT", "3300")).spec().webui().port()).isEqualTo(3300);
  }

  @Test
  void yaml12KeepsNoAndOnAsStrings() throws IOException {
    String yaml =
        HEADER
            + "spec:\n  services:\n    webui:\n      env:\n        A: no\n        B: on\n"
            + "        C: true\n        D: 2\n        E: 1.5\n";

    var env = load(yaml).spec().webui().env();

    assertThat(env)
        .containsEntry("A", "no")
        .containsEntry("B", "on")
        .containsEntry("C", "true")
        .containsEntry("D", "2")
        .containsEntry("E", "1.5");
  }

  @Test
  void everyFieldIsMapped() throws IOException {
    String yaml =
        HEADER
            + "metadata: {name: lab}\n"
            + "spec:\n  platform: nvidia\n  expose: lan\n  services:\n    ollama:\n"
            + "      port: null\n      gpus: [GPU-1a2b, GPU-3c4d]\n"
            + "      resources: {memory: 1.5g, cpus: 2.5}\n"
            + "      models: [llama3.2:1b, library/qwen2.5:7b]\n      pruneModels: true\n"
            + "    mcpProxy: {enabled: false}\n"
            + "  extensions: {enabled: [fetch], paths: [], settings: {fetch: {env: {X: 1}}}}\n"
            + "  backup: {directory: /srv/backups, includeVolumes: false, keep: 3}\n";

    StackSpec spec = load(yaml).spec();

    assertThat(spec.name()).isEqualTo("lab");
    assertThat(spec.ollama().port()).isNull();
    assertThat(spec.ollama().gpus())
        .isEqualTo(new GpuRequest.DeviceIds(List.of("GPU-1a2b", "GPU-3c4d")));
    assertThat(spec.ollama().resources().memoryBytes()).isEqualTo(1536L * 1024 * 1024);
    assertThat(spec.ollama().resources().cpus()).isEqualTo(2.5);
    assertThat(spec.ollama().models()).containsExactly("llama3.2:1b", "library/qwen2.5:7b");
    assertThat(spec.ollama().pruneModels()).isTrue();
    assertThat(spec.mcpProxy().enabled()).isFalse();
    assertThat(spec.extensions().settings())
        .containsEntry("fetch", new ExtensionsSpec.ExtensionSettings(Map.of("X", "1")));
    assertThat(spec.backup().keep()).isEqualTo(3);
  }

  @Test
  void gpusOnAGpulessPlatformIsAWarningNotAnError() throws IOException {
    LoadedStack loaded =
        load(HEADER + "spec:\n  platform: cpu\n  services:\n    ollama:\n      gpus: 2\n");

    assertThat(loaded.spec().ollama().gpus()).isEqualTo(new GpuRequest.Count(2));
    assertThat(loaded.warnings())
        .extracting(Problem::format)
        .containsExactly(
            "ollama-stack.yaml:7:13: spec.services.ollama.gpus: ignored on platform cpu:"
                + " GPUs are only requested on nvidia");
  }

  @Test
  void settingsForAnExtensionThatIsNotEnabledIsAWarning() throws IOException {
    LoadedStack loaded =
        load(HEADER + "spec:\n  extensions:\n    settings:\n      fetch: {env: {A: b}}\n");

    assertThat(loaded.warnings())
        .extracting(Problem::format)
        .containsExactly(
            "ollama-stack.yaml:6:7: spec.extensions.settings.fetch: settings for extension"
                + " \"fetch\", which is not enabled");
  }

  @Test
  void anExtensionDirectoryUnderPathsIsKnown() throws IOException {
    Files.createDirectories(dir.resolve("my-extensions/weather"));
    Files.writeString(
        dir.resolve("my-extensions/weather/extension.yaml"),
        """
        apiVersion: ollama-stack/v1
        kind: Extension
        metadata: {name: weather, description: Forecasts}
        spec:
          container: {image: example/weather:1, volumes: {cache: /cache}}
          remote: {type: streamable-http, port: 3001, path: /mcp}
        """);
    String yaml =
        HEADER
            + "spec:\n  extensions:\n    enabled: [time, weather]\n    paths: [./my-extensions]\n";

    var extensions = load(yaml).spec().extensions();
    assertThat(extensions.enabled()).containsExactly("time", "weather");
    assertThat(extensions.manifests().get("weather").container().image())
        .isEqualTo("example/weather:1");
  }

  @Test
  void anEnabledExtensionWithAnInvalidManifestIsReportedAtTheManifestsLine() throws IOException {
    Files.createDirectories(dir.resolve("extensions/weather"));
    Files.writeString(
        dir.resolve("extensions/weather/extension.yaml"),
        """
        apiVersion: ollama-stack/v1
        kind: Extension
        metadata: {name: weather}
        spec:
          stdio: {command: node, argz: [server.js]}
        """);
    String yaml = HEADER + "spec:\n  extensions:\n    enabled: [weather]\n";

    assertThatThrownBy(() -> load(yaml))
        .isInstanceOfSatisfying(
            InvalidStackException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::format)
                    .singleElement()
                    .asString()
                    .contains(
                        "extensions/weather/extension.yaml:5:26: spec.stdio.argz: unknown key"));
  }

  @Test
  void anEnabledExtensionDirectoryWithoutManifestIsAnError() throws IOException {
    Files.createDirectories(dir.resolve("extensions/weather"));
    String yaml = HEADER + "spec:\n  extensions:\n    enabled: [weather]\n";

    assertThatThrownBy(() -> load(yaml))
        .isInstanceOfSatisfying(
            InvalidStackException.class,
            e ->
                assertThat(e.problems().get(0).format())
                    .contains(
                        "extension.yaml: missing: an extension directory needs extension.yaml"));
  }

  @Test
  void nativeModeOwnsNoPortSoItCannotClash() throws IOException {
    String yaml =
        HEADER
            + "spec:\n  services:\n    ollama: {mode: native, url: 'http://host.docker.internal:11434', port: 8080}\n";
    assertThat(load(yaml).spec().ollama().mode()).isEqualTo(OllamaMode.NATIVE);
  }

  @Test
  void theHashIsOfTheFileBytes() throws IOException {
    LoadedStack a = load(HEADER);
    LoadedStack b = load(HEADER + "# a comment\n");
    assertThat(a.contentSha256()).isNotEqualTo(b.contentSha256()).hasSize(64);
  }
}
