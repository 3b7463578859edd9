package dev.ollamastack.cli;

import dev.ollamastack.app.ApplyStack;
import dev.ollamastack.app.CleanupIntent;
import dev.ollamastack.plan.Overrides;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cleanup}: remove what this installation no longer needs. */
@Command(
    name = "cleanup",
    mixinStandardHelpOptions = true,
    description = {
      "Remove what this installation no longer needs: images of digests its lock no longer pins"
          + " (after an update) that no container uses, and its containers and networks that"
          + " nothing desires. Only images this tool pinned; never a user's other images.",
      "--remove-volumes also removes its volumes no desired container mounts (their data is"
          + " deleted). Shows the plan and asks; without a terminal it needs --yes (else exit 5)."
    })
final class CleanupCommand extends CommandSupport implements Callable<Integer> {
  @Mixin PlanOptions planOptions;
  @Mixin ApplyOptions applyOptions;

  @Option(
      names = "--remove-volumes",
      description =
          "Also remove this installation's volumes that nothing mounts (data is deleted).")
  boolean removeVolumes;

  @Option(names = "--dry-run", description = "Show the plan only.")
  boolean dryRun;

  @Option(
      names = {"-y", "--yes"},
      description = "Remove without asking.")
  boolean yes;

  @Override
  public Integer call() {
    return applyFlow(
            new ApplyFlow.Wording(
                "Nothing to clean up.", "Cleanup complete", "", "ollama-stack cleanup"))
        .run(
            new ApplyStack.Request(
                globals().file(),
                planOptions.platform,
                Overrides.NONE,
                applyOptions.lockTimeout,
                applyOptions.readyTimeout,
                !yes,
                dryRun,
                null,
                new CleanupIntent(removeVolumes)));
  }
}
