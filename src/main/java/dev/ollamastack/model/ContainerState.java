package dev.ollamastack.model;

import java.util.Locale;

/** Docker's container states ({@code State.Status}), plus {@link #UNKNOWN} for anything else. */
public enum ContainerState {
  CREATED,
  RUNNING,
  PAUSED,
  RESTARTING,
  REMOVING,
  EXITED,
  DEAD,
  UNKNOWN;

  /** Docker's word: {@code running}, {@code exited}, … */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state Docker names, {@link #UNKNOWN} for null or a word it did not have when written. */
  public static ContainerState of(String docker) {
    if (docker == null) {
      return UNKNOWN;
    }
    for (ContainerState s : values()) {
      if (s.label().equals(docker.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    return UNKNOWN;
  }

  /** The process ended (by itself or killed): its exit code means something. */
  public boolean ended() {
    return this == EXITED || this == DEAD;
  }
}
