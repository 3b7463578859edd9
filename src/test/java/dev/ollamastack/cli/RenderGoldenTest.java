package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.ToolVersion;
import dev.ollamastack.plan.export.RenderFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden renders: {@code src/test/resources/render/<case>/} holds an {@code ollama-stack.yaml}
 * (optionally a lock file and extensions) and what {@code render --format F} prints for it in
 * {@code expected-F.yaml}, the state home written {@code /state-home} and the tool's version {@code
 * <version>}. Regenerate with {@code -Dgolden.update=true} and review the change. The Kubernetes
 * goldens are also parsed strictly by {@link KubernetesModelTest}.
 */
class RenderGoldenTest {
  static final Path ROOT = Path.of("src/test/resources/render");
  static final String WEBUI_SECRET = "golden-webui-secret";
  static final String MCPO_KEY = "golden-mcpo-key";

  @TempDir Path cwd;
  @TempDir Path home;

  static Stream<Arguments> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .flatMap(c -> Stream.of(RenderFormat.values()).map(f -> Arguments.of(c, f)))
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("cases")
  void renderMatchesGolden(String name, RenderFormat format) throws IOException {
    String out = render(cwd, home, ROOT.resolve(name), "--format", format.cliName());
    Path expected = ROOT.resolve(name).resolve("expected-" + format.cliName() + ".yaml");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expected, out);
    }
    assertThat(expected).as("golden file %s", expected).exists();
    assertThat(out).isEqualTo(Files.readString(expected));
    assertThat(out).doesNotContain(WEBUI_SECRET).doesNotContain(MCPO_KEY);
  }

  /**
   * {@code render ARGS} of the stack in {@code caseDir}, copied to {@code cwd}, with fixed secrets
   * in {@code home}; the paths and version that vary replaced.
   */
  static String render(Path cwd, Path home, Path caseDir, String... args) throws IOException {
    copy(caseDir, cwd);
    String installation = installation(cwd.resolve("ollama-stack.yaml"));
    Files.createDirectories(home.resolve(installation));
    Files.writeString(
        home.resolve(installation).resolve("secrets.env"),
        "WEBUI_SECRET_KEY=" + WEBUI_SECRET + "\nMCPO_API_KEY=" + MCPO_KEY + "\n");
    String[] full = Stream.concat(Stream.of("render"), Stream.of(args)).toArray(String[]::new);
    CliRun r = CliRun.run(cwd, home, Map.of(), full);
    assertThat(r.exitCode()).as("%s", r.err()).isZero();
    return r.out()
        .replace(home.toString(), "/state-home")
        .replace(cwd.toString(), "/stack-dir")
        .replace(ToolVersion.get(), "<version>")
        .replaceAll("(ollama-stack.config-hash: )[0-9a-f]{64}", "$1<hash>");
  }

  private static String installation(Path stack) throws IOException {
    return Files.readAllLines(stack).stream()
        .filter(l -> l.startsWith("  name: "))
        .findFirst()
        .map(l -> l.substring("  name: ".length()).strip())
        .orElseThrow();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
        if (p.getFileName().toString().startsWith("expected-")) {
          continue;
        }
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
