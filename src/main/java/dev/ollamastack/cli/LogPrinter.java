package dev.ollamastack.cli;

import dev.ollamastack.app.logs.ServiceLine;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Prints log lines as Docker Compose does: {@code ollama | text}, the service name padded to the
 * longest selected name and, on a terminal, in a colour that is stable per service. The text is
 * appended verbatim: no markup, no format string, nothing stripped.
 */
final class LogPrinter {
  private static final Map<String, String> KNOWN =
      Map.of("ollama", "36", "webui", "33", "mcp-proxy", "35");
  private static final String[] PALETTE = {"32", "34", "96", "92", "94", "95", "93", "91"};

  private final PrintWriter out;
  private final int width;
  private final boolean color;
  private final boolean timestamps;

  LogPrinter(PrintWriter out, List<String> services, boolean color, boolean timestamps) {
    this.out = out;
    this.width = services.stream().mapToInt(String::length).max().orElse(0);
    this.color = color;
    this.timestamps = timestamps;
  }

  /** Called from several stream threads under {@code -f}: one whole line at a time. */
  void print(ServiceLine l) {
    String line = format(l);
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  String format(ServiceLine l) {
    String name = l.service();
    String padded = name.length() >= width ? name : name + " ".repeat(width - name.length());
    String prefix = padded + " | ";
    StringBuilder sb = new StringBuilder(prefix.length() + l.line().text().length() + 40);
    if (color) {
      sb.append("\u001b[").append(colour(name)).append('m').append(prefix).append("\u001b[0m");
    } else {
      sb.append(prefix);
    }
    if (timestamps && l.line().timestamp() != null) {
      sb.append(DateTimeFormatter.ISO_INSTANT.format(l.line().timestamp())).append(' ');
    }
    return sb.append(l.line().text()).toString();
  }

  /** The same colour for a service on every run. */
  static String colour(String service) {
    String known = KNOWN.get(service);
    return known != null ? known : PALETTE[Math.floorMod(service.hashCode(), PALETTE.length)];
  }
}
