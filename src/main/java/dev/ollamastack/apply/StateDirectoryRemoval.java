package dev.ollamastack.apply;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Deletes an installation's state directory, except the paths it must keep (backups that lie inside
 * it): those and the directories leading to them stay. Symbolic links are removed, never followed,
 * so nothing outside the directory is ever deleted.
 */
final class StateDirectoryRemoval {
  private StateDirectoryRemoval() {}

  static void remove(Path dir, List<Path> keep) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    List<Path> kept = keep.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            return kept.stream().anyMatch(d::startsWith)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
            if (kept.stream().noneMatch(f::startsWith)) {
              deleteIfExists(f);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            if (kept.stream().noneMatch(k -> k.startsWith(d))) {
              deleteIfExists(d);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void deleteIfExists(Path p) throws IOException {
    try {
      Files.deleteIfExists(p);
    } catch (NoSuchFileException e) {
      // removed meanwhile: what was asked
    }
  }
}
