package dev.ollamastack.app.host;

import dev.ollamastack.app.host.HostProbe.PortUse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who listens on a port, from {@code /proc/net/tcp} and {@code /proc/net/tcp6}: the socket inodes
 * listening on it (state {@code 0A}), then the owning process through {@code /proc/PID/fd}. Without
 * {@code /proc} (not Linux) a bind test tells free from taken.
 */
final class ProcNet {
  private static final String LISTEN = "0A";

  private ProcNet() {}

  static PortUse portUse(int port) {
    Set<Long> inodes = new LinkedHashSet<>();
    boolean procReadable = false;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        inodes.addAll(listeningInodes(Files.readString(Path.of(table)), port));
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
    Set<String> wanted = new HashSet<>();
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

  static Set<Long> listeningInodes(String table, int port) {
    Set<Long> inodes = new LinkedHashSet<>();
    for (String line : table.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || !f[0].endsWith(":")) {
        continue; // header or truncated line
      }
      int colon = f[1].lastIndexOf(':');
      if (colon < 0 || !LISTEN.equals(f[3])) {
        continue;
      }
      try {
        if (Integer.parseInt(f[1].substring(colon + 1), 16) == port) {
          inodes.add(Long.parseLong(f[9]));
        }
      } catch (NumberFormatException e) {
        // not a socket line
      }
    }
    return inodes;
  }
}
