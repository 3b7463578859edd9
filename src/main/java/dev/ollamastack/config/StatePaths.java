package dev.ollamastack.config;

import dev.ollamastack.model.ToolException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the tool keeps what Docker cannot hold (DESIGN.md §6): {@code $OLLAMA_STACK_HOME/<name>/},
 * private to the user (0700), each write atomic.
 */
public final class StatePaths {
  /** Owner-only directory. */
  public static final Set<PosixFilePermission> PRIVATE_DIR =
      PosixFilePermissions.fromString("rwx------");

  /** Owner-only file. */
  public static final Set<PosixFilePermission> PRIVATE_FILE =
      PosixFilePermissions.fromString("rw-------");

  /** Installation names become directory names: no separators, no {@code ..}. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

  private final Path stateHome;

  public StatePaths(Path stateHome) {
    this.stateHome = stateHome;
  }

  /**
   * The installation's state directory; not created here: reading commands, and an apply refused
   * before it changes anything, leave no trace on disk.
   *
   * @throws ToolException (exit 4) when the state home exists but is not a directory
   */
  public Path dir(String installation) {
    if (!NAME.matcher(installation).matches()) {
      throw new IllegalArgumentException("not an installation name: " + installation);
    }
    for (Path p = stateHome.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        throw unusable(p, "is not a directory");
      }
    }
    return stateHome.resolve(installation);
  }

  /** The installation's state directory, created (mode 0700) if missing: before any write. */
  public Path ensureDir(String installation) {
    Path dir = dir(installation);
    try {
      createPrivateDirectory(stateHome);
      createPrivateDirectory(dir);
    } catch (IOException e) {
      throw unusable(dir, "cannot be created (" + reason(e) + ")");
    }
    if (!Files.isWritable(dir)) {
      throw unusable(dir, "is not writable");
    }
    return dir;
  }

  private ToolException unusable(Path p, String what) {
    return ToolException.environment(
        "state directory "
            + stateHome
            + " ($"
            + StackLoader.STATE_HOME_VARIABLE
            + ", default ~/.ollama-stack) is unusable: "
            + p
            + " "
            + what,
        "point $"
            + StackLoader.STATE_HOME_VARIABLE
            + " at a directory you can write, or fix that path's type or permissions");
  }

  /** A file-system failure in words: {@code permission denied}, {@code Not a directory}. */
  public static String reason(IOException e) {
    String kind =
        switch (e) {
          case java.nio.file.AccessDeniedException a -> "permission denied";
          case java.nio.file.FileSystemException f when f.getReason() != null -> f.getReason();
          default -> e.getClass().getSimpleName();
        };
    return kind;
  }

  /** The OS lock held while an apply runs (its directory is created). */
  public Path lockFile(String installation) {
    return ensureDir(installation).resolve("apply.lock");
  }

  /** One JSON line per apply. */
  public Path historyFile(String installation) {
    return dir(installation).resolve("history.jsonl");
  }

  /** Rendered mcpo configuration, mounted into the mcp-proxy container. */
  public Path mcpoConfigDir(String installation) {
    return dir(installation).resolve("mcpo");
  }

  /** The secrets file (see {@link SecretStore}). */
  public Path secretsFile(String installation) {
    return dir(installation).resolve("secrets.env");
  }

  /**
   * Replaces {@code target} with {@code content} so readers see the old or the new file, never a
   * half-written one: a temporary file in the same directory, flushed to disk, then renamed.
   *
   * @param permissions the file's mode, or {@code null} for owner-only; ignored off POSIX
   */
  public static void writeAtomically(
      Path target, String content, Set<PosixFilePermission> permissions) {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = null;
    try {
      temp =
          posix(dir)
              ? Files.createTempFile(
                  dir,
                  "." + target.getFileName(),
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(
                      permissions == null ? PRIVATE_FILE : permissions))
              : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      if (posix(dir) && permissions != null) {
        Files.setPosixFilePermissions(temp, permissions); // the umask may have narrowed them
      }
      move(temp, target);
    } catch (IOException e) {
      throw ToolException.environment(
          "cannot write " + target + ": " + reason(e),
          "check that " + dir + " is a directory you can write");
    } finally {
      deleteQuietly(temp);
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir);
    if (posix(dir)) {
      Files.setPosixFilePermissions(dir, PRIVATE_DIR); // createDirectories applies the umask
    }
  }

  private static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // Best effort: a leftover dot-file is harmless and the next write replaces the target anyway.
    }
  }
}
