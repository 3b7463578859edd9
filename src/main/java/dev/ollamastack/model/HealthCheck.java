package dev.ollamastack.model;

import java.time.Duration;
import java.util.List;

/** A Docker health check as the Engine API takes it ({@code ["CMD", ...]} or CMD-SHELL). */
public record HealthCheck(
    List<String> test, Duration interval, Duration timeout, int retries, Duration startPeriod) {
  public HealthCheck {
    test = List.copyOf(test);
  }
}
