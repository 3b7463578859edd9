package dev.ollamastack.app.status;

/**
 * How a service differs from the stack file, as {@code apply} would see it.
 *
 * @param kind {@code in-sync}, {@code recreate}, {@code missing}, {@code stopped} or {@code orphan}
 * @param detail the first reason from the plan ({@code env OLLAMA_KEEP_ALIVE: "5m" → "24h"}), or
 *     {@code null}
 */
public record Drift(String kind, String detail) {
  public static final Drift IN_SYNC = new Drift("in-sync", null);
  public static final Drift MISSING = new Drift("missing", null);

  public boolean inSync() {
    return "in-sync".equals(kind);
  }

  /** For people: {@code in sync}, {@code would be recreated: image a → b}, ... */
  public String text() {
    return switch (kind) {
      case "in-sync" -> "in sync";
      case "recreate" -> "would be recreated" + (detail == null ? "" : ": " + detail);
      case "orphan" -> "orphan (apply removes it)";
      case "stopped" -> "stopped (apply starts it)";
      default -> kind;
    };
  }
}
