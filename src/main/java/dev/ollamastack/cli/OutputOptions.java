package dev.ollamastack.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
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

  /**
   * The {@code -o} a command line asked for: from the parsed mixin of the command that ran, else
   * from the raw arguments (a parse error may have stopped before {@code -o} was read).
   */
  static OutputFormat requested(CommandLine cmd, String[] args) {
    for (CommandLine.Model.CommandSpec m : cmd.getCommandSpec().mixins().values()) {
      if (m.userObject() instanceof OutputOptions o && o.format != OutputFormat.TEXT) {
        return o.format;
      }
    }
    if (cmd.getCommandSpec().findOption("--output") == null) {
      return OutputFormat.TEXT; // a command without -o prints no document, even on failure
    }
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value =
          (a.equals("-o") || a.equals("--output")) && i + 1 < args.length
              ? args[i + 1]
              : a.startsWith("--output=")
                  ? a.substring("--output=".length())
                  : a.startsWith("-o") && a.length() > 2 ? a.substring(2) : null;
      if (value != null) {
        for (OutputFormat f : OutputFormat.values()) {
          if (f.name().equalsIgnoreCase(value.trim())) {
            return f;
          }
        }
      }
    }
    return OutputFormat.TEXT;
  }

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
