package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/commands/} is what the command model says, file for file: a changed option, a new
 * command (anything added to {@link Subcommands#ALL}) fails the build until the docs are
 * regenerated ({@link CommandDocs#REGENERATE}) and committed.
 */
class CommandDocsTest {
  static final Path DIR = Path.of("docs/commands");

  @Test
  void committedDocsMatchTheCommandModel() throws IOException {
    Map<String, String> expected = CommandDocs.all();
    if (Boolean.getBoolean("docs.update")) {
      write(expected);
    }
    Set<String> committed = committed();
    assertThat(committed)
        .as("files in %s vs commands; regenerate with: %s", DIR, CommandDocs.REGENERATE)
        .isEqualTo(new TreeSet<>(expected.keySet()));
    for (var e : expected.entrySet()) {
      assertThat(Files.readString(DIR.resolve(e.getKey()), StandardCharsets.UTF_8))
          .as(
              "%s/%s differs from the command model; regenerate with: %s",
              DIR, e.getKey(), CommandDocs.REGENERATE)
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void everyRegisteredCommandHasAPage() {
    Map<String, String> docs = CommandDocs.all();
    assertThat(docs).containsKeys("ollama-stack.md", "plan.md", "config.md", "config-view.md");
    assertThat(docs).containsKeys("version.md", "completion.md");
    assertThat(docs.keySet()).noneMatch(n -> n.startsWith("__") || n.equals("help.md"));
    assertThat(docs.get("logs.md")).contains("`-f`, `--follow`").contains("`SERVICE`");
  }

  private static Set<String> committed() throws IOException {
    if (!Files.isDirectory(DIR)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(DIR)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static void write(Map<String, String> files) throws IOException {
    Files.createDirectories(DIR);
    for (String stale : committed()) {
      if (!files.containsKey(stale)) {
        Files.delete(DIR.resolve(stale));
      }
    }
    for (var e : files.entrySet()) {
      Files.writeString(DIR.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
    }
  }
}
