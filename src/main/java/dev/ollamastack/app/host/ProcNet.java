package dev.ollamastack.app.host;

import dev.ollamastack.app.host.HostProbe.PortUse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    return portUses(Set.of(port)).get(port);
  }

  /** {@link #portUse} of each port, the two tables read once for all of them. */
  static Map<Integer, PortUse> portUses(Set<Integer> ports) {
    Map<Integer, Set<Long>> inodes = new HashMap<>();
    boolean procReadable = false;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        listeningInodes(Files.readString(Path.of(table)), ports)
            .forEach(
                (port, found) ->
                    inodes.computeIfAbsent(port, k -> new LinkedHashSet<>()).addAll(found));
        procReadable = true;
      } catch (IOException e) {
        // not Linux, or no /proc: fall back to a bind test
      }
    }
    Map<Integer, PortUse> out = new LinkedHashMap<>();
    for (int port : ports) {
      Set<Long> held = inodes.getOrDefault(port, Set.of());
      out.put(
          port,
          !procReadable
              ? bindTest(port)
              : held.isEmpty() ? PortUse.FREE : owner(held).orElse(PortUse.byUnknown()));
    }
    return out;
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
    return listeningInodes(table, Set.of(port)).getOrDefault(port, Set.of());
  }

  /** The inodes of the sockets listening on each of {@code ports} (only those with one). */
  static Map<Integer, Set<Long>> listeningInodes(String table, Set<Integer> ports) {
    Map<Integer, Set<Long>> inodes = new HashMap<>();
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
        int port = Integer.parseInt(f[1].substring(colon + 1), 16);
        if (ports.contains(port)) {
          inodes.computeIfAbsent(port, k -> new LinkedHashSet<>()).add(Long.parseLong(f[9]));
        }
      } catch (NumberFormatException e) {
        // not a socket line
      }
    }
    return inodes;
  }
}
