package dev.ollamastack.testsupport;

import dev.ollamastack.app.host.HostProbe;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * A host made of stated facts. {@code new FakeHost()} is a plain Linux amd64 machine with nothing
 * installed: no commands, no files, every port free, no Ollama answering, 500 GB free. The knobs
 * add what a test needs; a directory exists when something was put in it (or {@link #dir} says so).
 */
public final class FakeHost implements HostProbe {
  private final Map<String, CommandResult> commands = new HashMap<>();
  private final Set<String> onPath = new HashSet<>();
  private final Map<Path, String> files = new HashMap<>();
  private final Set<Path> unreadable = new HashSet<>();
  private final Set<Path> dirs = new HashSet<>();
  private final Map<Path, Set<PosixFilePermission>> modes = new HashMap<>();
  private final Map<Integer, PortUse> ports = new HashMap<>();
  private final Map<String, String> ollamas = new HashMap<>();
  private String os = "Linux";
  private String arch = "amd64";
  private Long freeBytes = 500_000_000_000L;

  /** macOS ({@code os.name} {@code Mac OS X}) on {@code arch}: {@code aarch64}, {@code x86_64}. */
  public static FakeHost mac(String arch) {
    return new FakeHost().os("Mac OS X", arch);
  }

  public FakeHost os(String name, String arch) {
    this.os = name;
    this.arch = arch;
    return this;
  }

  /** A command line (words joined by one space) that runs, exits so and prints that. */
  public FakeHost command(String commandLine, int exit, String output) {
    commands.put(commandLine, new CommandResult(exit, output));
    onPath.add(commandLine.split(" ")[0]);
    return this;
  }

  /** An executable on {@code PATH} (that no test runs). */
  public FakeHost installed(String executable) {
    onPath.add(executable);
    return this;
  }

  /** {@code nvidia-smi -L} lists {@code n} GPUs. */
  public FakeHost nvidiaGpus(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("GPU ").append(i).append(": NVIDIA GeForce RTX 4090 (UUID: GPU-").append(i);
      sb.append("aaaa)\n");
    }
    return command("nvidia-smi -L", 0, sb.toString());
  }

  public FakeHost file(String path, String content) {
    return file(Path.of(path), content);
  }

  public FakeHost file(Path path, String content) {
    files.put(path, content);
    return this;
  }

  /** A file that is listed and exists but cannot be read (another user's, mode 0600). */
  public FakeHost unreadable(String path) {
    unreadable.add(Path.of(path));
    return file(path, "");
  }

  /** An (empty) directory. */
  public FakeHost dir(String path) {
    dirs.add(Path.of(path));
    return this;
  }

  /** A file with POSIX permissions such as {@code rw-------} (created empty when absent). */
  public FakeHost mode(Path path, String permissions) {
    files.putIfAbsent(path, "");
    modes.put(path, PosixFilePermissions.fromString(permissions));
    return this;
  }

  /** Free bytes on every file system; {@code null}: cannot be told. */
  public FakeHost freeBytes(Long bytes) {
    this.freeBytes = bytes;
    return this;
  }

  public FakeHost port(int port, PortUse use) {
    ports.put(port, use);
    return this;
  }

  /** An Ollama of that version answers at {@code url}. */
  public FakeHost ollama(String url, String version) {
    ollamas.put(url, version);
    return this;
  }

  @Override
  public Optional<CommandResult> run(List<String> command, Duration timeout) {
    return Optional.ofNullable(commands.get(String.join(" ", command)));
  }

  @Override
  public boolean onPath(String executable) {
    return onPath.contains(executable);
  }

  @Override
  public boolean exists(Path path) {
    return files.keySet().stream().anyMatch(p -> p.startsWith(path))
        || dirs.stream().anyMatch(d -> d.startsWith(path));
  }

  @Override
  public List<String> list(Path dir) {
    Set<String> names = new TreeSet<>();
    for (Path p : files.keySet()) {
      if (dir.equals(p.getParent())) {
        names.add(p.getFileName().toString());
      }
    }
    for (Path d : dirs) {
      if (dir.equals(d.getParent())) {
        names.add(d.getFileName().toString());
      }
    }
    return List.copyOf(names);
  }

  @Override
  public Optional<String> read(Path file) {
    return unreadable.contains(file) ? Optional.empty() : Optional.ofNullable(files.get(file));
  }

  @Override
  public String osName() {
    return os;
  }

  @Override
  public String osArch() {
    return arch;
  }

  @Override
  public OptionalLong usableSpace(Path path) {
    return freeBytes == null ? OptionalLong.empty() : OptionalLong.of(freeBytes);
  }

  @Override
  public Optional<Set<PosixFilePermission>> permissions(Path file) {
    return Optional.ofNullable(modes.get(file));
  }

  @Override
  public PortUse portUse(int port) {
    return ports.getOrDefault(port, PortUse.FREE);
  }

  @Override
  public Optional<String> ollamaVersion(String url) {
    return Optional.ofNullable(ollamas.get(url));
  }
}
