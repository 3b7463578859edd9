package dev.ollamastack.app.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.backup.Manifest;
import dev.ollamastack.backup.Sha256;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.StatePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small files of a backup: the stack file as it is now (and whether it is the one last
 * applied), the lock file beside it, and the secrets file (0600, flagged sensitive).
 */
final class BackupFiles {
  static final String STACK = "ollama-stack.yaml";
  static final String LOCK = "ollama-stack.lock";
  static final String SECRETS = "secrets.env";
  private static final String EMBEDDED = "/dev/ollamastack/config/default-stack.yaml";

  private BackupFiles() {}

  static List<String> names(LoadedStack loaded, Path stateHome) {
    List<String> out = new ArrayList<>();
    out.add(STACK + " (from " + loaded.displayName() + ")");
    lockFile(loaded).ifPresent(l -> out.add(LOCK));
    if (Files.isRegularFile(new StatePaths(stateHome).secretsFile(loaded.spec().name()))) {
      out.add(SECRETS + " (sensitive, kept 0600)");
    }
    return out;
  }

  /** Writes the files into {@code dir}; their manifest entries. */
  static List<Manifest.FileEntry> write(Path dir, LoadedStack loaded, Path stateHome)
      throws IOException {
    List<Manifest.FileEntry> out = new ArrayList<>();
    out.add(write(dir, STACK, stackBytes(loaded), "stack-file", false));
    Optional<Path> lock = lockFile(loaded);
    if (lock.isPresent()) {
      out.add(write(dir, LOCK, Files.readAllBytes(lock.get()), "lock", false));
    }
    Path secrets = new StatePaths(stateHome).secretsFile(loaded.spec().name());
    if (Files.isRegularFile(secrets)) {
      out.add(write(dir, SECRETS, Files.readAllBytes(secrets), "secrets", true));
    }
    return out;
  }

  /** Whether the stack file is the one the last apply used ({@code history.jsonl}). */
  static boolean matchesLastApply(LoadedStack loaded, Path stateHome) {
    Path history = new StatePaths(stateHome).historyFile(loaded.spec().name());
    try {
      List<String> lines = Files.readAllLines(history);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          JsonNode n = new ObjectMapper().readTree(lines.get(i));
          return loaded.contentSha256().equals(n.path("stackSha256").asText());
        }
      }
    } catch (IOException | RuntimeException e) {
      // no history: never applied by this tool
    }
    return false;
  }

  private static Manifest.FileEntry write(
      Path dir, String name, byte[] bytes, String role, boolean sensitive) throws IOException {
    writeBytes(dir.resolve(name), bytes, sensitive);
    return new Manifest.FileEntry(name, bytes.length, Sha256.of(bytes), role, sensitive);
  }

  /** Writes {@code bytes} to a new file: 0600 when sensitive (set before any byte is written). */
  static void writeBytes(Path f, byte[] bytes, boolean sensitive) throws IOException {
    Path temp = f.resolveSibling("." + f.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          temp,
          PosixFilePermissions.asFileAttribute(
              PosixFilePermissions.fromString(sensitive ? "rw-------" : "rw-r--r--")));
    }
    try (java.nio.channels.FileChannel ch =
        java.nio.channels.FileChannel.open(
            temp,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.WRITE,
            java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    Files.move(
        temp,
        f,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static byte[] stackBytes(LoadedStack loaded) throws IOException {
    if (loaded.path() != null) {
      return Files.readAllBytes(loaded.path());
    }
    try (InputStream in = BackupFiles.class.getResourceAsStream(EMBEDDED)) {
      if (in == null) {
        throw new IOException(EMBEDDED + " is missing from the jar");
      }
      return in.readAllBytes();
    }
  }

  private static Optional<Path> lockFile(LoadedStack loaded) {
    if (loaded.path() == null) {
      return Optional.empty();
    }
    Path lock = loaded.path().resolveSibling(LOCK);
    return Files.isRegularFile(lock) ? Optional.of(lock) : Optional.empty();
  }
}
