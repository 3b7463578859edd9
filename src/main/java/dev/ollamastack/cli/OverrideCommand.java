package dev.ollamastack.cli;

import dev.ollamastack.app.ApplyStack;
import dev.ollamastack.plan.Overrides;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code start}, {@code stop}, {@code restart}: a change of the desired running state for one
 * apply, through the same plan and apply as {@code apply}. No confirmation: the user named the
 * change, and none of them touches a volume.
 */
abstract class OverrideCommand extends CommandSupport implements Callable<Integer> {
  @Mixin PlanOptions planOptions;
  @Mixin ApplyOptions applyOptions;

  @Option(names = "--dry-run", description = "Show the plan only.")
  boolean dryRun;

  @Parameters(
      paramLabel = "SERVICE",
      arity = "0..*",
      completionCandidates = CompletionCandidates.Services.class,
      description = "ollama, webui, mcp-proxy.")
  List<String> services;

  /** The override for the named services ({@code all} when none were named). */
  abstract Overrides overrides(Set<String> selected, Set<String> all);

  @Override
  public Integer call() {
    Set<String> all = ServiceSelection.resolve(this, globals().file(), List.of());
    Set<String> selected = ServiceSelection.resolve(this, globals().file(), services);
    return applyFlow()
        .run(
            new ApplyStack.Request(
                globals().file(),
                planOptions.platform,
                overrides(selected, all),
                applyOptions.lockTimeout,
                applyOptions.readyTimeout,
                false,
                dryRun,
                null));
  }
}
