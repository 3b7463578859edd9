package dev.ollamastack.app.host;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the CLI reads of the machine it runs on: platform detection, {@code init} and {@code check}
 * all go through this one port, handed out by {@code AppContext}. {@link SystemHostProbe} is the
 * real host; tests use a fake one. Every method answers "no" rather than throwing: a probe that
 * cannot tell is a host without that feature.
 */
public interface HostProbe {

  /**
   * What a command printed and how it ended.
   *
   * @param output stdout and stderr merged
   */
  record CommandResult(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

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

  /** Runs a command; empty when it is not installed, cannot start, or outlives the timeout. */
  Optional<CommandResult> run(List<String> command, Duration timeout);

  /** Whether an executable of that name is on {@code PATH}. */
  boolean onPath(String executable);

  boolean exists(Path path);

  /** Names of a directory's entries, sorted; empty when it is absent or unreadable. */
  List<String> list(Path dir);

  /** A small text file's content; empty when absent or unreadable. */
  Optional<String> read(Path file);

  /** {@code os.name}: {@code Linux}, {@code Mac OS X}, {@code Windows 11}. */
  String osName();

  /** {@code os.arch}: {@code amd64}, {@code x86_64}, {@code aarch64}. */
  String osArch();

  /** Bytes free for an unprivileged writer on the file system of {@code path}, if readable. */
  OptionalLong usableSpace(Path path);

  /** POSIX permissions of a file, if it exists and the file system has them. */
  Optional<Set<PosixFilePermission>> permissions(Path file);

  /** Who listens on a TCP port of this host. */
  PortUse portUse(int port);

  /**
   * {@link #portUse} of each of {@code ports}, in their order: a plan asks for all the ports it is
   * about to publish at once, and the host's tables are then read once, not once per port.
   */
  default Map<Integer, PortUse> portUses(Set<Integer> ports) {
    Map<Integer, PortUse> out = new LinkedHashMap<>();
    ports.forEach(p -> out.put(p, portUse(p)));
    return out;
  }

  /** Ollama's version at {@code url}, or empty when it does not answer. */
  Optional<String> ollamaVersion(String url);
}
