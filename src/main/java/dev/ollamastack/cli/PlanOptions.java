package dev.ollamastack.cli;

import dev.ollamastack.model.Platform;
import picocli.CommandLine.Option;

/** Options of every command that plans. */
final class PlanOptions {
  @Option(
      names = "--platform",
      paramLabel = "PLATFORM",
      description = "Override spec.platform for this run: ${COMPLETION-CANDIDATES}.")
  Platform platform;
}
