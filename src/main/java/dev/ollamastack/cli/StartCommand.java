package dev.ollamastack.cli;

import dev.ollamastack.plan.Overrides;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code start [SERVICE…]}: converge; named services start, others are left as they are. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start services (all by default): converge them to the stack file.",
      "Services not named keep their current state."
    })
final class StartCommand extends CommandSupport implements Callable<Integer> {
  @Mixin PlanOptions planOptions;
  @Mixin ApplyOptions applyOptions;

  @Option(names = "--dry-run", description = "Show the plan only.")
  boolean dryRun;

  @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "ollama, webui, mcp-proxy.")
  List<String> services;

  @Override
  public Integer call() {
    Set<String> selected = ServiceSelection.resolve(this, globals().file(), services);
    Set<String> all = ServiceSelection.resolve(this, globals().file(), List.of());
    Set<String> leaveAlone = new java.util.LinkedHashSet<>(all);
    leaveAlone.removeAll(selected);
    return new ApplyFlow(context(), out(), err(), color())
        .run(
            new ApplyFlow.Settings(
                globals().file(),
                planOptions.platform,
                new Overrides(Set.of(), Set.of(), leaveAlone),
                applyOptions,
                false,
                dryRun,
                null));
  }
}
