package dev.ollamastack.app;

import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.ImageRemoval;
import dev.ollamastack.plan.UninstallPlanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code uninstall}: the destroy plan of this installation (see {@link UninstallPlanner}). On a
 * terminal it asks; when volumes would go, a second question asks to type the installation name.
 * Without a terminal it needs {@code --force}.
 *
 * @param removeVolumes the data volumes (models, chats, settings)
 * @param removeImages the stack's images, collected before its containers go
 * @param removeConfig the state directory (never backups: those inside it are kept and named)
 */
public record UninstallIntent(boolean removeVolumes, boolean removeImages, boolean removeConfig)
    implements ApplyIntent {

  @Override
  public PlannedStack plan(Planning p) {
    // Planning must not create secrets for an installation being removed.
    PlanRequest request =
        new PlanRequest(p.request().file(), p.request().platform(), p.request().overrides(), false);
    PlannedStack planned = p.reconciler().plan(p.loaded(), request, p.engine());
    List<ImageRemoval> images = removeImages ? StackImages.ofStack(planned, p.engine()) : List.of();
    String stateDir = removeConfig ? planned.stateDir().toString() : null;
    return planned.withPlan(
        UninstallPlanner.plan(
            planned.spec().name(),
            planned.observed(),
            new UninstallPlanner.Options(
                removeVolumes, images, stateDir, kept(planned, p.ctx().cwd()))));
  }

  /** Backups are never deleted with the state directory, even when they lie inside it. */
  private static List<String> kept(PlannedStack planned, Path cwd) {
    List<String> kept = new ArrayList<>();
    Path backups = BackupLocation.of(planned, cwd);
    if (backups.startsWith(planned.stateDir().toAbsolutePath().normalize())) {
      kept.add(backups.toString());
    }
    return kept;
  }

  @Override
  public List<Prompt> prompts(PlannedStack planned) {
    String name = planned.spec().name();
    List<Prompt> prompts = new ArrayList<>();
    prompts.add(new Prompt.YesNo("Uninstall installation \"" + name + "\" as shown above?"));
    if (planned.plan().actions().stream().anyMatch(a -> a instanceof Action.RemoveVolume)) {
      prompts.add(
          new Prompt.TypeToConfirm(
              "The volumes above hold your models, chats and settings and are deleted for good."
                  + " Type the installation name to confirm:",
              name));
    }
    return prompts;
  }

  @Override
  public String consentFlag() {
    return "--force";
  }

  @Override
  public boolean recordsHistory(PlannedStack planned) {
    return !removeConfig;
  }
}
