package dev.ollamastack.app.status;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.ollamastack.model.ContainerState;
import java.util.Locale;

/** A service's state in {@code status} (docs/status-format.md). */
public enum ServiceState {
  RUNNING,
  RESTARTING,
  PAUSED,
  EXITED,
  /** Created, never started (or Docker's state is one we do not know). */
  STOPPED,
  /** No container. */
  MISSING;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ServiceState of(ContainerState s) {
    return switch (s) {
      case RUNNING -> RUNNING;
      case RESTARTING -> RESTARTING;
      case PAUSED -> PAUSED;
      case EXITED, DEAD -> EXITED;
      case CREATED, REMOVING, UNKNOWN -> STOPPED;
    };
  }
}
