package dev.ollamastack.app.check;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Parses {@code /proc/net/tcp} and {@code /proc/net/tcp6}: the socket inodes listening on a port
 * (state {@code 0A}), to find the owning process through {@code /proc/PID/fd}.
 */
final class ProcNet {
  private static final String LISTEN = "0A";

  private ProcNet() {}

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
