package dev.ollamastack.app.check;

import dev.ollamastack.app.SystemHostProbe;
import dev.ollamastack.health.OllamaClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The real host: {@code PATH}, the file system and {@code /proc}. */
public final class LocalHost implements HostProbe {
  private final SystemHostProbe system;

  public LocalHost(Map<String, String> env) {
    this.system = new SystemHostProbe(env);
  }

  @Override
  public boolean onPath(String command) {
    return system.onPath(command);
  }

  @Override
  public boolean exists(Path path) {
    return system.exists(path);
  }

  @Override
  public List<String> list(Path dir) {
    return system.list(dir);
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
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  @Override
  public PortUse portUse(int port) {
    Set<Long> inodes = new java.util.LinkedHashSet<>();
    boolean procReadable = false;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        inodes.addAll(ProcNet.listeningInodes(Files.readString(Path.of(table)), port));
        procReadable = true;
      } catch (IOException e) {
        // not Linux, or no /proc: fall back to a bind test
      }
    }
    if (!procReadable) {
      return bindTest(port);
    }
    if (inodes.isEmpty()) {
      return PortUse.FREE;
    }
    return owner(inodes).orElse(PortUse.byUnknown());
  }

  /** Scans /proc/PID/fd for the socket; only our own processes are readable without root. */
  private static Optional<PortUse> owner(Set<Long> inodes) {
    Set<String> wanted = new java.util.HashSet<>();
    inodes.forEach(i -> wanted.add("socket:[" + i + "]"));
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
          for (Path fd : fds) {
            if (wanted.contains(Files.readSymbolicLink(fd).toString())) {
              String comm = Files.readString(proc.resolve("comm")).trim();
              long pid = Long.parseLong(proc.getFileName().toString());
              return Optional.of(new PortUse(true, comm, pid));
            }
          }
        } catch (IOException | SecurityException | NumberFormatException e) {
          // another user's process, or gone: keep looking
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static PortUse bindTest(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(port));
      return PortUse.FREE;
    } catch (IOException e) {
      return PortUse.byUnknown();
    }
  }

  @Override
  public Optional<String> ollamaVersion(String url) {
    try {
      return Optional.of(new OllamaClient(url).version(Duration.ofSeconds(2)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
