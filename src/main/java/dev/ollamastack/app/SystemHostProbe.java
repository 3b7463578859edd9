package dev.ollamastack.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The real host: runs processes, reads the file system and system properties. */
public final class SystemHostProbe implements HostProbe {
  /** Reading a CDI spec or a sysfs file; anything larger is not what we are looking for. */
  private static final long MAX_READ = 1 << 20;

  private final Map<String, String> env;

  public SystemHostProbe(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public Optional<CommandResult> run(List<String> command, Duration timeout) {
    if (!onPath(command.get(0)) && !Files.isExecutable(Path.of(command.get(0)))) {
      return Optional.empty();
    }
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
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
    if (executable.contains("/")) {
      return Files.isExecutable(Path.of(executable));
    }
    String path = env.getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
        return true;
      }
    }
    return false;
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
}
