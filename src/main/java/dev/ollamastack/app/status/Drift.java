package dev.ollamastack.app.status;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.ollamastack.plan.Match;

/**
 * How a service differs from the stack file, as {@code apply} would see it: the planner's own
 * match.
 *
 * @param detail the first reason from the plan ({@code env OLLAMA_KEEP_ALIVE: "5m" → "24h"}), or
 *     {@code null}
 */
public record Drift(Kind kind, String detail) {
  public static final Drift IN_SYNC = new Drift(Kind.IN_SYNC, null);
  public static final Drift MISSING = new Drift(Kind.MISSING, null);
  public static final Drift ORPHAN = new Drift(Kind.ORPHAN, null);

  /** The kinds of drift (docs/status-format.md, {@code drift.kind}). */
  public enum Kind {
    IN_SYNC("in-sync"),
    RECREATE("recreate"),
    MISSING("missing"),
    STOPPED("stopped"),
    DRIFTED("drifted"),
    ORPHAN("orphan");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }
  }

  /** The drift the planner's match of a desired container means. */
  static Drift of(Match match) {
    return switch (match) {
      case Match.InSync s -> IN_SYNC;
      case Match.Missing m -> MISSING;
      case Match.Changed c ->
          new Drift(Kind.RECREATE, c.reasons().isEmpty() ? null : c.reasons().get(0));
      case Match.NotRunning n -> new Drift(Kind.STOPPED, n.why());
      case Match.Drifted d ->
          new Drift(
              Kind.DRIFTED,
              String.join(
                  "; ",
                  d.repairs().stream()
                      .map(dev.ollamastack.plan.ContainerRepair::describe)
                      .toList()));
      // status plans without overrides: nothing is unwanted, but if it were, apply removes it
      case Match.Unwanted u -> new Drift(Kind.ORPHAN, u.why());
    };
  }

  public boolean inSync() {
    return kind == Kind.IN_SYNC;
  }

  /** For people: {@code in sync}, {@code would be recreated: image a → b}, ... */
  public String text() {
    return switch (kind) {
      case IN_SYNC -> "in sync";
      case RECREATE -> "would be recreated" + (detail == null ? "" : ": " + detail);
      case ORPHAN -> "orphan (apply removes it)";
      case STOPPED -> "stopped (apply starts it)";
      case DRIFTED -> "drifted: " + detail + " (apply repairs it)";
      case MISSING -> "missing";
    };
  }
}
