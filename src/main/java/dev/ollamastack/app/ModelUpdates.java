package dev.ollamastack.app;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code update --models}: the listed models whose registry serves a newer manifest (or cannot be
 * asked) are pulled again through Ollama, after consent like every other change; the digests Ollama
 * reports afterwards are locked once the pulls ran.
 */
final class ModelUpdates {
  private ModelUpdates() {}

  /** The plan with a re-pull of each listed model {@code include} accepts that has none yet. */
  static Plan append(PlannedStack planned, java.util.function.Predicate<String> include) {
    String url = planned.desired().ollamaUrl();
    if (url == null) {
      return planned.plan();
    }
    Plan plan = planned.plan();
    Set<ResourceKey> planned0 =
        plan.actions().stream().map(Action::key).collect(Collectors.toSet());
    ResourceKey ollama =
        ResourceKey.container(Component.OLLAMA.containerName(planned.spec().name()));
    List<ResourceKey> deps = planned0.contains(ollama) ? List.of(ollama) : List.of();
    List<Action> actions = new ArrayList<>(plan.actions());
    planned.desired().models().stream()
        .sorted()
        .distinct()
        .filter(include)
        .filter(m -> !planned0.contains(ResourceKey.model(m)))
        .forEach(m -> actions.add(new Action.PullModel(m, url, deps, true)));
    return new Plan(plan.installation(), actions, plan.warnings(), plan.blockers(), plan.matches());
  }
}
