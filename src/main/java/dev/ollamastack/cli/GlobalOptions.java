package dev.ollamastack.cli;

import dev.ollamastack.model.Target;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Options every command accepts, before or after the subcommand name. Each command carries its own
 * copy (a mixin named {@code global}); {@link #resolve} merges them from the command up to the
 * root, the nearest setting winning.
 */
public final class GlobalOptions {
  @Option(names = "--verbose", description = "Log what happens and show stack traces of errors.")
  boolean verbose;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description =
          "Stack file (default: $OLLAMA_STACK_FILE, else ./ollama-stack.yaml, else the embedded default).")
  Path file;

  @Option(names = "--no-color", description = "No ANSI colours (also: NO_COLOR set).")
  boolean noColor;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description =
          "Override spec.target for this run: docker (containers) or swarm (services of the Swarm"
              + " this engine manages).")
  Target target;

  /** The effective global options of a command. */
  public record Resolved(boolean verbose, Path file, boolean noColor, Target target) {}

  public static Resolved resolve(CommandSpec spec) {
    boolean verbose = false;
    boolean noColor = false;
    Path file = null;
    Target target = null;
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      CommandSpec mixin = s.mixins().get("global");
      if (mixin != null && mixin.userObject() instanceof GlobalOptions g) {
        verbose |= g.verbose;
        noColor |= g.noColor;
        if (file == null) {
          file = g.file;
        }
        if (target == null) {
          target = g.target;
        }
      }
    }
    return new Resolved(verbose, file, noColor, target);
  }
}
