package dev.ollamastack.app.status;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A service's health in {@code status}: see {@link HealthRule}. */
public enum ServiceHealth {
  HEALTHY,
  STARTING,
  UNHEALTHY,
  UNKNOWN;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
