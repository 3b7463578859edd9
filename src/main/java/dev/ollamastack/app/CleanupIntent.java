package dev.ollamastack.app;

import dev.ollamastack.apply.ApplyResult;
import dev.ollamastack.apply.Outcome;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.lock.PinnedImages;
import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.CleanupPlanner;
import dev.ollamastack.plan.ImageRemoval;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cleanup}: a plan that only removes what this installation no longer needs (see {@link
 * CleanupPlanner}), shown and confirmed like every other.
 *
 * @param removeVolumes also its volumes that no desired container mounts (their data is deleted)
 */
public record CleanupIntent(boolean removeVolumes) implements ApplyIntent {

  @Override
  public PlannedStack plan(Planning p) {
    PlannedStack planned = p.reconciler().plan(p.loaded(), p.request(), p.engine());
    List<ImageRemoval> images = StackImages.pinnedBefore(planned, p.engine());
    return planned.withPlan(
        CleanupPlanner.plan(planned.desired(), planned.observed(), images, removeVolumes));
  }

  @Override
  public List<Prompt> prompts(PlannedStack planned) {
    return List.of(new Prompt.YesNo("Remove these?"));
  }

  /** Images removed, or found gone, are forgotten: the next cleanup does not look for them. */
  @Override
  public void after(
      PlannedStack planned, DockerEngine engine, ApplyResult result, ApplyListener listener) {
    if (result == null) {
      return;
    }
    List<String> gone = new ArrayList<>();
    result
        .outcomes()
        .forEach(
            (action, outcome) -> {
              if (action instanceof Action.RemoveImage r && outcome instanceof Outcome.Done) {
                gone.add(r.reference());
              }
            });
    new PinnedImages(planned.stateDir()).remove(gone);
  }
}
