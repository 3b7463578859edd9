package dev.ollamastack.config;

import dev.ollamastack.extensions.ExtensionCatalog;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The extension names a stack may enable: the built-in catalog plus each directory {@code
 * <path>/<name>} under {@code spec.extensions.paths}, relative paths taken from the stack file's
 * directory.
 */
final class ExtensionLocator {
  private final ExtensionCatalog catalog;
  private final Path baseDir;

  ExtensionLocator(ExtensionCatalog catalog, Path baseDir) {
    this.catalog = catalog;
    this.baseDir = baseDir;
  }

  Set<String> known(List<String> paths) {
    Set<String> names = new TreeSet<>(catalog.names());
    for (String p : paths) {
      Path dir = baseDir.resolve(p);
      if (!Files.isDirectory(dir)) {
        continue; // the default ./extensions need not exist
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
        entries.forEach(e -> names.add(e.getFileName().toString()));
      } catch (IOException e) {
        // An unreadable directory contributes nothing; the unknown-name error says which exist.
      }
    }
    return names;
  }
}
