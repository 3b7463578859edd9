package dev.ollamastack.cli;

import dev.ollamastack.plan.Overrides;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stop [SERVICE…]}: remove the containers; volumes and network stay. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = {
      "Stop services (all by default); volumes and network are kept.",
      "Their containers are removed; volumes (models, chats, settings) and the network stay.",
      "The stack file is not changed: the next apply or start brings them back."
    })
final class StopCommand extends CommandSupport implements Callable<Integer> {
  @Mixin PlanOptions planOptions;
  @Mixin ApplyOptions applyOptions;

  @Option(names = "--dry-run", description = "Show the plan only.")
  boolean dryRun;

  @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "ollama, webui, mcp-proxy.")
  List<String> services;

  @Override
  public Integer call() {
    Set<String> selected = ServiceSelection.resolve(this, globals().file(), services);
    return new ApplyFlow(context(), out(), err(), color())
        .run(
            new ApplyFlow.Settings(
                globals().file(),
                planOptions.platform,
                new Overrides(selected, Set.of()),
                applyOptions,
                false,
                dryRun,
                null));
  }
}
