package dev.ollamastack.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Parameters;

/**
 * {@code completion bash|zsh|fish}: a completion script from the full command model (every
 * subcommand, flag, {@code -o} format, service and extension name, installation name). Bash and zsh
 * share picocli's script (zsh through {@code bashcompinit}); fish gets its own.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script: bash, zsh or fish.",
      "bash: source <(ollama-stack completion bash)   (e.g. in ~/.bashrc)",
      "zsh:  source <(ollama-stack completion zsh)    (e.g. in ~/.zshrc)",
      "fish: ollama-stack completion fish > ~/.config/fish/completions/ollama-stack.fish"
    })
final class CompletionCommand extends CommandSupport implements Callable<Integer> {
  /** The shells a script is written for. */
  enum Shell {
    bash,
    zsh,
    fish
  }

  @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
  Shell shell;

  @Override
  public Integer call() {
    out().print(script(shell, model()));
    out().flush();
    return 0;
  }

  static String script(Shell shell, CommandLine model) {
    return switch (shell) {
      case bash -> AutoComplete.bash(model.getCommandName(), model);
      case zsh ->
          "#compdef "
              + model.getCommandName()
              + "\n"
              + AutoComplete.bash(model.getCommandName(), model);
      case fish -> FishCompletion.script(model);
    };
  }

  /** The full model (this run registered only {@code completion}), installations filled in. */
  private CommandLine model() {
    CommandLine full = Main.commandLine(context(), false);
    withInstallations(full, CompletionCandidates.installations(context().stateHome()));
    return full;
  }

  /** Gives every argument labelled {@code INSTALLATION} the installation names as candidates. */
  static void withInstallations(CommandLine cmd, List<String> names) {
    CommandSpec spec = cmd.getCommandSpec();
    for (ArgSpec a : List.copyOf(spec.args())) {
      if (!CompletionCandidates.INSTALLATION_LABEL.equals(a.paramLabel())) {
        continue;
      }
      spec.remove(a);
      if (a instanceof OptionSpec o) {
        spec.addOption(o.toBuilder().completionCandidates(names).build());
      } else if (a instanceof PositionalParamSpec p) {
        spec.addPositional(p.toBuilder().completionCandidates(names).build());
      }
    }
    cmd.getSubcommands().values().forEach(sub -> withInstallations(sub, names));
  }
}
