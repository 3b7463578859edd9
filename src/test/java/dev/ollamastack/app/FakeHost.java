package dev.ollamastack.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A host made of stated facts, for platform detection tests. */
final class FakeHost implements HostProbe {
  private final Map<String, CommandResult> commands = new HashMap<>();
  private final Set<String> onPath = new HashSet<>();
  private final Map<Path, String> files = new HashMap<>();
  private String os = "Linux";
  private String arch = "amd64";

  static FakeHost linux() {
    return new FakeHost();
  }

  static FakeHost mac(String arch) {
    FakeHost h = new FakeHost();
    h.os = "Mac OS X";
    h.arch = arch;
    return h;
  }

  FakeHost command(String commandLine, int exit, String output) {
    commands.put(commandLine, new CommandResult(exit, output));
    onPath.add(commandLine.split(" ")[0]);
    return this;
  }

  FakeHost installed(String executable) {
    onPath.add(executable);
    return this;
  }

  FakeHost file(String path, String content) {
    files.put(Path.of(path), content);
    return this;
  }

  FakeHost nvidiaGpus(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("GPU ").append(i).append(": NVIDIA GeForce RTX 4090 (UUID: GPU-").append(i);
      sb.append("aaaa)\n");
    }
    return command("nvidia-smi -L", 0, sb.toString());
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
    return files.keySet().stream().anyMatch(p -> p.startsWith(path));
  }

  @Override
  public List<String> list(Path dir) {
    List<String> names = new ArrayList<>();
    for (Path p : files.keySet()) {
      if (dir.equals(p.getParent())) {
        names.add(p.getFileName().toString());
      }
    }
    return names.stream().sorted().toList();
  }

  @Override
  public Optional<String> read(Path file) {
    return Optional.ofNullable(files.get(file));
  }

  @Override
  public String osName() {
    return os;
  }

  @Override
  public String osArch() {
    return arch;
  }
}
