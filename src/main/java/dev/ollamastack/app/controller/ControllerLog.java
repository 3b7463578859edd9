package dev.ollamastack.app.controller;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the controller tells what it does, one entry per line: the CLI prints them readable or as
 * JSON ({@code --log-format json}). Called from the controller's thread only.
 */
public interface ControllerLog {
  void log(Entry entry);

  /** What an entry is about. */
  enum Kind {
    /** The controller started watching (or a single pass started). */
    START,
    /** Something that makes a pass due: an event, the stack file, the lock file, a timer. */
    TRIGGER,
    /** A pass ended: in sync, converged, failed, deferred. */
    PASS,
    /** One action of a pass, when it ended. */
    ACTION,
    /** A service is left alone until its backoff ends. */
    BACKOFF,
    /** The Docker engine cannot be reached; the controller reconnects. */
    DISCONNECTED,
    /** The engine answers again: the controller resyncs. */
    RECONNECTED,
    /** A pass could not run (invalid stack file, lock held too long): nothing was changed. */
    ERROR,
    /** The controller stopped (signal), with what it did to the pass that was running. */
    STOP;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One line.
   *
   * @param fields details in a stable order (pass number, service, action, outcome, wait…)
   */
  record Entry(Instant time, Kind kind, String message, Map<String, Object> fields) {
    public Entry {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
  }
}
