package dev.ollamastack.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ollama-stack config}: commands about the stack file; alone, it shows their list. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Inspect the desired state declared in the stack file.",
    subcommands = {ConfigViewCommand.class})
final class ConfigCommand implements Runnable {
  @Mixin(name = "global")
  GlobalOptions global;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
