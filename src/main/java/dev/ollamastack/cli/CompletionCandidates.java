package dev.ollamastack.cli;

import dev.ollamastack.extensions.ExtensionCatalog;
import dev.ollamastack.model.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Values shell completion offers beyond commands and flags. picocli reads the candidates when the
 * completion script is generated, so a shell that sources {@code ollama-stack completion bash} at
 * start sees the installations of that moment.
 */
final class CompletionCandidates {
  /** A parameter or option with this label completes installation names. */
  static final String INSTALLATION_LABEL = "INSTALLATION";

  private CompletionCandidates() {}

  /** Service names: the stack's own services, then the extensions of the catalog. */
  static final class Services implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      List<String> names = new ArrayList<>();
      for (Component c : Component.values()) {
        if (c != Component.EXTENSION) {
          names.add(c.serviceName());
        }
      }
      names.addAll(ExtensionCatalog.builtIn().names());
      return names.iterator();
    }
  }

  /** {@code -o} formats, as users type them. */
  static final class OutputFormats implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Arrays.stream(OutputFormat.values())
          .map(f -> f.name().toLowerCase(java.util.Locale.ROOT))
          .iterator();
    }
  }

  /**
   * Installation names: the directories under the state home ({@code ~/.ollama-stack}) that hold an
   * installation's secrets (the older Python CLI kept {@code backups/} there too).
   */
  static List<String> installations(Path stateHome) {
    if (!Files.isDirectory(stateHome)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(stateHome)) {
      return dirs.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .filter(n -> Files.exists(stateHome.resolve(n).resolve("secrets.env")))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of(); // completion offers nothing rather than failing the shell
    }
  }
}
