package dev.ollamastack.app.check;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** What {@code check} reads of the machine it runs on: replaced by a fake host in tests. */
public interface HostProbe {
  /** Whether an executable of that name is on {@code PATH}. */
  boolean onPath(String command);

  boolean exists(Path path);

  /** File names in a directory; empty when it is absent or unreadable. */
  List<String> list(Path dir);

  /** Bytes free for an unprivileged writer on the file system of {@code path}, if readable. */
  OptionalLong usableSpace(Path path);

  /** POSIX permissions of a file, if it exists and the file system has them. */
  Optional<Set<PosixFilePermission>> permissions(Path file);

  /** Who listens on a TCP port of this host. */
  PortUse portUse(int port);

  /** Ollama's version at {@code url}, or empty when it does not answer. */
  Optional<String> ollamaVersion(String url);

  /**
   * Whether a port is taken, and by which process when that can be told.
   *
   * @param process the command name ({@code /proc/PID/comm}), or {@code null} when unknown
   * @param pid the process id, or 0 when unknown
   */
  record PortUse(boolean inUse, String process, long pid) {
    public static final PortUse FREE = new PortUse(false, null, 0);

    public static PortUse byUnknown() {
      return new PortUse(true, null, 0);
    }
  }
}
