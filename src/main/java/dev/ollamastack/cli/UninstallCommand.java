package dev.ollamastack.cli;

import dev.ollamastack.app.ApplyStack;
import dev.ollamastack.app.UninstallIntent;
import dev.ollamastack.plan.Overrides;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code uninstall}: the destroy plan of this installation. */
@Command(
    name = "uninstall",
    mixinStandardHelpOptions = true,
    description = {
      "Remove this installation (label ollama-stack.installation=<name>): its containers and"
          + " network; volumes, images and the state directory only when asked.",
      "Shows the plan and asks; when volumes would go, asks to type the installation name."
          + " Without a terminal it needs --force (else exit 5). Other installations and"
          + " resources without our label are never touched."
    })
final class UninstallCommand extends CommandSupport implements Callable<Integer> {
  @Mixin PlanOptions planOptions;
  @Mixin ApplyOptions applyOptions;

  @Option(
      names = "--remove-volumes",
      description = "Also delete the data volumes: models, chats, users, settings.")
  boolean removeVolumes;

  @Option(
      names = "--remove-images",
      description = "Also remove the stack's images (only those it pinned or named).")
  boolean removeImages;

  @Option(
      names = "--remove-config",
      description =
          "Also delete the state directory (secrets, history); backups are never deleted.")
  boolean removeConfig;

  @Option(
      names = "--all",
      description = "All three: --remove-volumes --remove-images --remove-config.")
  boolean all;

  @Option(names = "--force", description = "Do not ask (needed without a terminal).")
  boolean force;

  @Option(names = "--dry-run", description = "Show the plan only.")
  boolean dryRun;

  @Override
  public Integer call() {
    return applyFlow(
            new ApplyFlow.Wording(
                "Nothing to uninstall: no resources of this installation exist.",
                "Uninstall complete",
                "",
                "ollama-stack uninstall"))
        .run(
            new ApplyStack.Request(
                globals().file(),
                planOptions.platform,
                Overrides.NONE,
                applyOptions.lockTimeout,
                applyOptions.readyTimeout,
                !force,
                dryRun,
                null,
                new UninstallIntent(
                    removeVolumes || all, removeImages || all, removeConfig || all)));
  }
}
