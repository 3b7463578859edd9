package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under {@code invalid/} is rejected with exactly the problems listed, one per line, in
 * its sibling {@code .expected} file: the wording and the line:column are part of the contract.
 */
class InvalidStackCorpusTest {

  static Path corpus() throws URISyntaxException {
    return Path.of(InvalidStackCorpusTest.class.getResource("/invalid").toURI());
  }

  static Stream<String> cases() throws Exception {
    try (Stream<Path> files = Files.list(corpus())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsEveryProblemAtItsLineAndColumn(String name) throws Exception {
    List<String> expected = expected(name);
    StackLoader loader = new StackLoader(Map.of(), corpus());

    InvalidStackException e =
        catchThrowableOfType(InvalidStackException.class, () -> loader.load(Path.of(name)));

    assertThat(e).as("%s must be rejected", name).isNotNull();
    assertThat(e.problems()).extracting(Problem::format).containsExactlyElementsOf(expected);
    assertThat(e.getMessage()).isEqualTo(expected.get(0));
    assertThat(e.exitCode().code()).isEqualTo(3);
    assertThat(e.hint()).isNotBlank();
  }

  @Test
  void corpusCoversAtLeastThirtyFilesEachWithExpectations() throws Exception {
    List<String> names = cases().toList();
    assertThat(names).hasSizeGreaterThanOrEqualTo(30);
    for (String name : names) {
      assertThat(corpus().resolve(name.replace(".yaml", ".expected"))).exists();
    }
  }

  @Test
  void multipleProblemsAreReportedTogetherInFileOrder() throws Exception {
    StackLoader loader = new StackLoader(Map.of(), corpus());
    InvalidStackException e =
        catchThrowableOfType(
            InvalidStackException.class, () -> loader.load(Path.of("multiple-problems.yaml")));
    assertThat(e.problems())
        .extracting(Problem::path)
        .containsExactly(
            "metadata.name",
            "spec.platform",
            "spec.services.ollama.port",
            "spec.services.ollama.imagee",
            "spec.services.webui.port",
            "spec.backup.keep");
  }

  private static List<String> expected(String name) throws IOException, URISyntaxException {
    return Files.readAllLines(
        corpus().resolve(name.replace(".yaml", ".expected")), StandardCharsets.UTF_8);
  }
}
