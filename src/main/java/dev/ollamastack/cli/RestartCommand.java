package dev.ollamastack.cli;

import dev.ollamastack.plan.Overrides;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code restart [SERVICE…]}: recreate the containers (data kept). */
@Command(
    name = "restart",
    mixinStandardHelpOptions = true,
    description = "Recreate services (all by default) from the stack file; volumes are kept.")
final class RestartCommand extends CommandSupport implements Callable<Integer> {
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
                new Overrides(Set.of(), selected),
                applyOptions,
                false,
                dryRun,
                null));
  }
}
