package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in {@code examples/} is a valid stack that points editors at the schema. */
class ExamplesTest {
  private static final Path EXAMPLES = Path.of("examples");

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void loadsWithoutProblems(Path example) throws IOException {
    LoadedStack loaded = new StackLoader(Map.of(), Path.of("")).load(example.toAbsolutePath());

    assertThat(loaded.warnings()).isEmpty();
    assertThat(Files.readAllLines(example).get(0))
        .isEqualTo("# yaml-language-server: $schema=../schemas/ollama-stack.schema.json");
  }

  @Test
  void theExpectedExamplesExist() throws IOException {
    List<String> names = examples().map(p -> p.getFileName().toString()).toList();
    assertThat(names)
        .contains(
            "minimal.yaml",
            "cpu.yaml",
            "nvidia.yaml",
            "amd.yaml",
            "apple-native.yaml",
            "external-ollama.yaml",
            "models.yaml",
            "extensions.yaml",
            "lan-exposed.yaml",
            "warm-models.yaml");
  }

  @Test
  void appleNativeUsesTheHostOllama() {
    var spec =
        new StackLoader(Map.of(), Path.of("")).load(EXAMPLES.resolve("apple-native.yaml")).spec();
    assertThat(spec.platform()).isEqualTo(Platform.APPLE);
    assertThat(spec.ollama().mode()).isEqualTo(OllamaMode.NATIVE);
    assertThat(spec.ollama().url()).isEqualTo("http://host.docker.internal:11434");
  }
}
