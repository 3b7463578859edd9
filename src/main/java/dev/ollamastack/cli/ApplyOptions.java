package dev.ollamastack.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of every command that applies. */
final class ApplyOptions {
  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = DurationConverter.Positive.class,
      description = "How long to wait for each service to be ready (default: ${DEFAULT-VALUE}).")
  Duration readyTimeout;

  @Option(
      names = "--lock-timeout",
      paramLabel = "DURATION",
      defaultValue = "0",
      converter = DurationConverter.class,
      description =
          "How long to wait when another apply holds the lock, then exit 5 (default: ${DEFAULT-VALUE}).")
  Duration lockTimeout;
}
