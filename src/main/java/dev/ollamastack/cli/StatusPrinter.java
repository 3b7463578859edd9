package dev.ollamastack.cli;

import dev.ollamastack.app.status.ModelState;
import dev.ollamastack.app.status.ServiceStatus;
import dev.ollamastack.app.status.StatusReport;
import dev.ollamastack.health.EndToEndCheck;
import dev.ollamastack.model.ObservedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link StatusReport} for people: a context line, one row per service, then models, last
 * apply, other installations and next steps. Text from Docker is printed as-is, never through
 * picocli markup or a format string.
 */
final class StatusPrinter {
  private static final String[] HEADERS = {
    "SERVICE", "STATE", "HEALTH", "URL", "IMAGE", "ID", "UPTIME", "CPU", "MEM", "DRIFT"
  };

  private StatusPrinter() {}

  static String render(StatusReport r, boolean color) {
    StringBuilder sb = new StringBuilder();
    sb.append("Installation \"")
        .append(r.installation())
        .append("\" from ")
        .append(r.stackFile())
        .append(" · Docker ")
        .append(r.engine().version())
        .append(" at ")
        .append(r.engine().host())
        .append("\n\n");
    table(sb, r.services(), color);
    sb.append('\n').append(models(r.models())).append('\n');
    sb.append(modelStates(r.modelStates()));
    sb.append(extensions(r.extensions()));
    sb.append(endToEnd(r.endToEnd(), color));
    if (r.lastApply() != null) {
      var a = r.lastApply();
      sb.append("Last apply: ")
          .append(a.time())
          .append(", ")
          .append(a.outcome())
          .append(" (")
          .append(a.actions())
          .append(" actions")
          .append(a.failed() > 0 ? ", " + a.failed() + " failed" : "")
          .append(")\n");
    } else {
      sb.append("Last apply: none recorded\n");
    }
    var w = r.controller();
    if (w != null && w.watching()) {
      sb.append("Controller: watching (pid ")
          .append(w.pid())
          .append(w.since() == null ? "" : ", since " + w.since())
          .append(
              w.lastPass() == null
                  ? ", no pass yet"
                  : ", last pass " + w.lastPass() + " " + w.lastResult())
          .append(")\n");
    } else {
      sb.append("Controller: none (run 'ollama-stack reconcile --watch' to keep it converged)\n");
    }
    if (!r.otherInstallations().isEmpty()) {
      sb.append(paint("Warning: ", "33", color))
          .append("other installations on this engine (never touched): ")
          .append(others(r.otherInstallations()))
          .append('\n');
    }
    for (String step : r.nextSteps()) {
      sb.append("Next: ").append(step).append('\n');
    }
    return sb.toString();
  }

  private static void table(StringBuilder sb, List<ServiceStatus> rows, boolean color) {
    List<String[]> cells = new ArrayList<>();
    cells.add(HEADERS);
    List<String[]> colors = new ArrayList<>();
    colors.add(new String[HEADERS.length]);
    for (ServiceStatus s : rows) {
      colors.add(colors(s));
      cells.add(
          new String[] {
            s.service(),
            s.stateText(),
            s.health().label(),
            dash(s.url()),
            s.image(),
            dash(s.imageId()),
            s.uptimeSeconds() == null ? "-" : Sizes.duration(s.uptimeSeconds()),
            s.cpuPercent() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", s.cpuPercent()),
            s.memoryBytes() == null ? "-" : Sizes.binary(s.memoryBytes()),
            s.drift().text()
          });
    }
    int[] width = new int[HEADERS.length];
    for (String[] row : cells) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (int r = 0; r < cells.size(); r++) {
      String[] row = cells.get(r);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String cell = i == row.length - 1 ? row[i] : pad(row[i], width[i] + 2);
        line.append(paint(cell, colors.get(r)[i], color));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
  }

  /** Green for good, yellow for on its way, red for wrong: per column of one row. */
  private static String[] colors(ServiceStatus s) {
    String[] c = new String[HEADERS.length];
    c[1] =
        switch (s.state()) {
          case RUNNING -> "32";
          case RESTARTING -> "33";
          case PAUSED, EXITED, STOPPED, MISSING -> "31";
        };
    c[2] =
        switch (s.health()) {
          case HEALTHY -> "32";
          case STARTING -> "33";
          case UNHEALTHY -> "31";
          case UNKNOWN -> null;
        };
    c[9] = s.drift().inSync() ? "32" : "33";
    return c;
  }

  /** One line per extension: its state and tool count, the broken ones by name. */
  static String extensions(List<dev.ollamastack.app.status.ExtensionStatus> extensions) {
    if (extensions.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("Extensions:\n");
    for (var e : extensions) {
      sb.append(
          String.format(
              "  %-16s %-8s %s%n",
              e.name(),
              e.state(),
              e.tools() != null ? e.tools() + " tools (" + e.runs() + ")" : "(" + e.runs() + ")"));
    }
    return sb.toString();
  }

  /**
   * The end-to-end checks, one line each with its mark ({@code ok}, {@code warn}, {@code FAIL},
   * {@code skip}, as {@code check} prints them) and the hint under a failure or warning; empty when
   * there are none. Shared by {@code status} and {@code apply}.
   */
  static String endToEnd(List<EndToEndCheck> checks, boolean color) {
    if (checks.isEmpty()) {
      return "";
    }
    int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
    StringBuilder sb = new StringBuilder("End-to-end:\n");
    for (EndToEndCheck c : checks) {
      String mark =
          switch (c.status()) {
            case PASS -> paint("ok  ", "32", color);
            case WARN -> paint("warn", "33", color);
            case FAIL -> paint("FAIL", "31;1", color);
            case SKIP -> "skip";
          };
      sb.append("  ")
          .append(mark)
          .append("  ")
          .append(pad(c.name(), width))
          .append("  ")
          .append(c.detail())
          .append('\n');
      if (c.hint() != null && c.status() != EndToEndCheck.Verdict.PASS) {
        sb.append("  ")
            .append(" ".repeat(4 + 2 + width + 2))
            .append("hint: ")
            .append(c.hint())
            .append('\n');
      }
    }
    return sb.toString();
  }

  static String models(List<ObservedModel> models) {
    if (models == null) {
      return "Models: unknown (Ollama did not answer)";
    }
    if (models.isEmpty()) {
      return "Models: none (list some in spec.services.ollama.models, then 'ollama-stack apply')";
    }
    List<String> parts = new ArrayList<>();
    long total = 0;
    for (ObservedModel m : models) {
      parts.add(m.name() + " (" + Sizes.decimal(m.sizeBytes()) + ")");
      total += m.sizeBytes();
    }
    return "Models: " + String.join(", ", parts) + " · total " + Sizes.decimal(total);
  }

  /**
   * One line per model the stack lists or Ollama holds in memory: on disk or not, in memory or not
   * and where it runs there ({@code ollama ps}'s PROCESSOR). Nothing when neither is the case.
   */
  static String modelStates(List<ModelState> states) {
    List<ModelState> shown =
        states.stream().filter(m -> m.listed() || Boolean.TRUE.equals(m.loaded())).toList();
    if (shown.isEmpty()) {
      return "";
    }
    int width = shown.stream().mapToInt(m -> m.name().length()).max().orElse(0);
    StringBuilder sb = new StringBuilder();
    for (ModelState m : shown) {
      StringBuilder line = new StringBuilder("  ").append(pad(m.name(), width + 2));
      line.append(pad(disk(m), 9));
      if (Boolean.TRUE.equals(m.loaded())) {
        line.append("loaded: ")
            .append(Sizes.decimal(m.memoryBytes()))
            .append(" in memory, ")
            .append(m.processor());
        if (m.expiresAt() != null) {
          line.append(", until ").append(m.expiresAt());
        }
      } else {
        line.append(m.loaded() == null ? "loaded: unknown" : "not loaded");
      }
      if (m.preload()) {
        line.append(
            Boolean.TRUE.equals(m.loaded())
                ? " (preload)"
                : " (preload: 'ollama-stack apply' loads it)");
      }
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  private static String disk(ModelState m) {
    if (m.present() == null) {
      return "unknown";
    }
    return m.present() ? "present" : "missing";
  }

  private static String others(List<StatusReport.OtherResource> others) {
    Map<String, List<String>> by = new TreeMap<>();
    for (StatusReport.OtherResource o : others) {
      String key = o.installation() == null ? "(unlabelled)" : o.installation();
      by.computeIfAbsent(key, k -> new ArrayList<>()).add(o.kind() + " " + o.name());
    }
    List<String> parts = new ArrayList<>();
    by.forEach((k, v) -> parts.add(k + " [" + String.join(", ", v) + "]"));
    return String.join("; ", parts);
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }

  private static String pad(String s, int w) {
    return s.length() >= w ? s : s + " ".repeat(w - s.length());
  }

  static String paint(String s, String code, boolean color) {
    return color && code != null ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
