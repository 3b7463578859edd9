package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every directory under {@code invalid-extensions/} holds an {@code extension.yaml} that is
 * rejected with exactly the problems in its sibling {@code <case>.expected}, one per line, paths
 * relative to the corpus: the wording and the line:column are part of the contract. {@code
 * -Dgolden.update=true} rewrites the expectations (review the diff).
 */
class InvalidManifestCorpusTest {

  static Path corpus() throws URISyntaxException {
    return Path.of(InvalidManifestCorpusTest.class.getResource("/invalid-extensions").toURI());
  }

  static Stream<String> cases() throws Exception {
    try (Stream<Path> dirs = Files.list(corpus())) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  private static List<String> problems(String name) throws URISyntaxException {
    List<Problem> problems = new ArrayList<>();
    Path file = corpus().resolve(name).resolve(ExtensionManifests.FILE);
    assertThat(ExtensionManifests.read(file, name, problems))
        .as("%s must be rejected", name)
        .isNull();
    String prefix = corpus() + "/";
    return problems.stream().map(p -> p.format().replace(prefix, "")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsEveryProblemAtItsLineAndColumn(String name) throws Exception {
    List<String> actual = problems(name);
    Path expectedFile = sourceCorpus().resolve(name + ".expected");
    if (Boolean.getBoolean("golden.update")) {
      Files.write(expectedFile, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual)
        .containsExactlyElementsOf(Files.readAllLines(expectedFile, StandardCharsets.UTF_8));
  }

  @Test
  void aUserManifestThatIsBrokenStopsTheStackFileFromLoadingWithItsProblem() throws Exception {
    Path stack = Files.createTempDirectory("stack");
    try {
      Files.writeString(
          stack.resolve("ollama-stack.yaml"),
          "apiVersion: ollama-stack/v1\nkind: Stack\nspec:\n  extensions:\n"
              + "    enabled: [bad-remote-type]\n    paths: ['"
              + corpus()
              + "']\n");
      var e =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              InvalidStackException.class,
              () -> new StackLoader(Map.of(), stack).load(Path.of("ollama-stack.yaml")));
      assertThat(e).isNotNull();
      assertThat(e.exitCode().code()).isEqualTo(3);
      assertThat(e.problems().get(0).format().replace(corpus() + "/", ""))
          .isEqualTo(problems("bad-remote-type").get(0));
      assertThat(e.hint()).isNotBlank();
    } finally {
      try (Stream<Path> files = Files.walk(stack)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void corpusCoversTenCasesEachWithExpectations() throws Exception {
    List<String> names = cases().toList();
    assertThat(names).hasSizeGreaterThanOrEqualTo(10);
    for (String name : names) {
      assertThat(sourceCorpus().resolve(name + ".expected")).exists();
    }
  }

  /** The corpus in the source tree, where expectations are kept (and rewritten on update). */
  private static Path sourceCorpus() throws IOException {
    return Path.of("src/test/resources/invalid-extensions");
  }
}
