package dev.ollamastack.app.host;

import dev.ollamastack.health.OllamaClient;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real host: runs processes, reads the file system, {@code /proc} and the {@code os.*} system
 * properties. {@code Main} builds the only one, from the process environment; intents ask the
 * {@link HostProbe} of their context.
 */
public final class SystemHostProbe implements HostProbe {
  /** Reading a CDI spec or a sysfs file; anything larger is not what we are looking for. */
  private static final long MAX_READ = 1 << 20;

  private static final Duration OLLAMA_TIMEOUT = Duration.ofSeconds(2);

  private final Map<String, String> env;

  /**
   * @param env the process environment: {@code PATH} says where executables are looked up
   */
  public SystemHostProbe(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public Optional<CommandResult> run(List<String> command, Duration timeout) {
    Optional<Path> executable = executable(command.get(0));
    if (executable.isEmpty()) {
      return Optional.empty();
    }
    List<String> resolved = new ArrayList<>(command);
    resolved.set(0, executable.get().toString());
    Process p;
    try {
      p = new ProcessBuilder(resolved).redirectErrorStream(true).start();
    } catch (IOException e) {
      return Optional.empty();
    }
    // Read on another thread: a chatty process blocks on a full pipe and would look hung.
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return Optional.of(new CommandResult(p.exitValue(), out.get(1, TimeUnit.SECONDS)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static String drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      return buf.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean onPath(String executable) {
    return executable(executable).isPresent();
  }

  /**
   * Where an executable is, looked up on the {@code PATH} of {@link #env}: {@link ProcessBuilder}
   * would use this process's, and {@link #onPath} and {@link #run} must agree.
   */
  private Optional<Path> executable(String name) {
    if (name.contains("/")) {
      return Optional.of(Path.of(name)).filter(Files::isExecutable);
    }
    String path = env.getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name));
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean exists(Path path) {
    return Files.exists(path);
  }

  @Override
  public List<String> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException | SecurityException e) {
      return List.of();
    }
  }

  @Override
  public Optional<String> read(Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_READ) {
        return Optional.empty();
      }
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  @Override
  public String osName() {
    return System.getProperty("os.name", "");
  }

  @Override
  public String osArch() {
    return System.getProperty("os.arch", "");
  }

  @Override
  public OptionalLong usableSpace(Path path) {
    try {
      return OptionalLong.of(Files.getFileStore(path).getUsableSpace());
    } catch (IOException | SecurityException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public Optional<Set<PosixFilePermission>> permissions(Path file) {
    try {
      return Optional.of(Files.getPosixFilePermissions(file));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }

  @Override
  public PortUse portUse(int port) {
    return ProcNet.portUse(port);
  }

  @Override
  public Map<Integer, PortUse> portUses(Set<Integer> ports) {
    return ProcNet.portUses(ports);
  }

  @Override
  public Optional<String> ollamaVersion(String url) {
    try {
      return Optional.of(new OllamaClient(url).version(OLLAMA_TIMEOUT));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
