package dev.ollamastack.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ollama-stack extensions}: the catalog, and enabling, disabling and running extensions. */
@Command(
    name = "extensions",
    mixinStandardHelpOptions = true,
    description = "MCP extensions: list, info, enable, disable, start, stop, restart.",
    subcommands = {
      ExtensionsListCommand.class,
      ExtensionsInfoCommand.class,
      ExtensionsEditCommand.Enable.class,
      ExtensionsEditCommand.Disable.class,
      ExtensionsRunCommand.Start.class,
      ExtensionsRunCommand.Stop.class,
      ExtensionsRunCommand.Restart.class
    })
final class ExtensionsCommand implements Runnable {
  @Mixin(name = "global")
  GlobalOptions global;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
