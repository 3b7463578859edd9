package dev.ollamastack.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The few facts about the machine the CLI runs on that platform detection reads. An interface so
 * detection is tested over fake hosts; {@link SystemHostProbe} is the real one. Every method
 * answers "no" rather than throwing: a probe that cannot tell is a host without that feature.
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

  /** Runs a command; empty when it is not installed, cannot start, or outlives the timeout. */
  Optional<CommandResult> run(List<String> command, Duration timeout);

  /** Whether an executable of that name is on {@code PATH}. */
  boolean onPath(String executable);

  boolean exists(Path path);

  /** Names of a directory's entries; empty when it is absent or unreadable. */
  List<String> list(Path dir);

  /** A small text file's content; empty when absent or unreadable. */
  Optional<String> read(Path file);

  /** {@code os.name}: {@code Linux}, {@code Mac OS X}, {@code Windows 11}. */
  String osName();

  /** {@code os.arch}: {@code amd64}, {@code x86_64}, {@code aarch64}. */
  String osArch();
}
