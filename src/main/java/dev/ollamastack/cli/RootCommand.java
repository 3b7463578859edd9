package dev.ollamastack.cli;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.apply.ActionRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ollama-stack}: the root command; holds the context every subcommand runs in. */
@Command(
    name = "ollama-stack",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs a local LLM stack (Ollama, Open WebUI, mcpo, MCP extensions) on Docker, declared in"
          + " ollama-stack.yaml: observe, plan, apply."
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 operation failed, 2 changes pending (--detailed-exitcode),",
      "3 invalid input, 4 Docker unreachable, 5 refused for safety."
    })
public final class RootCommand implements Runnable {
  @Mixin(name = "global")
  GlobalOptions global;

  @Spec CommandSpec spec;

  private final AppContext context;

  /** How apply runs actions; tests swap in runners whose readiness needs no real endpoint. */
  ActionRunner.Factory runners = ActionRunner.Factory.DOCKER;

  public RootCommand(AppContext context) {
    this.context = context;
  }

  public AppContext context() {
    return context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
