package dev.ollamastack.lock;

import dev.ollamastack.config.StatePaths;
import dev.ollamastack.model.ToolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * Where the lock file is and how it is read and written. Beside the stack file, named after it
 * ({@code ollama-stack.yaml} → {@code ollama-stack.lock}), so it is committed with it; in the
 * installation's state directory for the embedded default stack. The text is YAML with every key
 * and value double-quoted and maps sorted, so the same pins always give the same bytes (clean diffs
 * in version control); writes are atomic.
 */
public final class LockFile {
  /** The lock of the embedded default stack, in the state directory. */
  public static final String DEFAULT_NAME = "ollama-stack.lock";

  private static final String HEADER =
      """
      # Image and model digests of this stack, written by 'ollama-stack apply' and
      # 'ollama-stack update'. Commit it with the stack file: another machine then runs the same
      # software ('ollama-stack apply --locked' refuses when it does not cover the stack file).
      """;

  private LockFile() {}

  /**
   * @param stackFile the stack file, or {@code null} for the embedded default
   * @param stateDir the installation's state directory
   */
  public static Path pathFor(Path stackFile, Path stateDir) {
    if (stackFile == null) {
      return stateDir.resolve(DEFAULT_NAME);
    }
    String name = stackFile.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return stackFile.toAbsolutePath().resolveSibling(stem + ".lock");
  }

  /** The lock at {@code file}; empty when there is none; exit 3 when it cannot be read. */
  public static Optional<StackLock> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw ToolException.invalidInput(
          "cannot read the lock file " + file + ": " + e.getMessage(), "check its permissions");
    }
    return Optional.of(LockParser.parse(text, file.toString()));
  }

  /** Writes {@code lock} to {@code file} atomically (mode 0644: it is meant to be committed). */
  public static void write(Path file, StackLock lock) {
    StatePaths.writeAtomically(file, render(lock), PosixFilePermissions.fromString("rw-r--r--"));
  }

  /** The file's text: the same pins always give the same bytes. */
  public static String render(StackLock lock) {
    StringBuilder sb = new StringBuilder(HEADER);
    sb.append("lockVersion: ").append(StackLock.FORMAT_VERSION).append('\n');
    sb.append("toolVersion: ").append(quote(lock.toolVersion())).append('\n');
    map(sb, "images", lock.images());
    map(sb, "models", lock.models());
    return sb.toString();
  }

  private static void map(StringBuilder sb, String key, Map<String, String> entries) {
    if (entries.isEmpty()) {
      sb.append(key).append(": {}\n");
      return;
    }
    sb.append(key).append(":\n");
    entries.forEach(
        (k, v) -> sb.append("  ").append(quote(k)).append(": ").append(quote(v)).append('\n'));
  }

  // A YAML double-quoted scalar (JSON's rules): unambiguous whatever the reference contains.
  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
