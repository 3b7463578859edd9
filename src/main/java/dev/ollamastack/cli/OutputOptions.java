package dev.ollamastack.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code -o/--output}, defined once for every command that has it: text for people, or one JSON or
 * YAML document alone on stdout, so {@code | jq} always works.
 */
final class OutputOptions {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      completionCandidates = CompletionCandidates.OutputFormats.class,
      description = "text (default), json or yaml: one document alone on stdout.")
  OutputFormat format = OutputFormat.TEXT;

  boolean text() {
    return format == OutputFormat.TEXT;
  }

  /** Prints {@code doc} in the machine format chosen; text is each command's own. */
  void printDocument(PrintWriter out, Object doc) {
    switch (format) {
      case JSON -> out.println(Json.write(doc));
      case YAML -> out.print(Json.yaml(doc));
      case TEXT -> throw new IllegalStateException("text output is printed by the command");
    }
    out.flush();
  }
}
