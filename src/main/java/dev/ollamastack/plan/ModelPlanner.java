package dev.ollamastack.plan;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ResourceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Models are resources too: listed ones are pulled once Ollama is ready, unlisted ones are deleted
 * only with {@code pruneModels}, and only when Ollama told us what it has.
 */
final class ModelPlanner {
  private ModelPlanner() {}

  /** Whether models are managed in this apply at all. */
  static boolean managed(DesiredState desired, Overrides overrides) {
    return desired.ollamaUrl() != null
        && !overrides.stop().contains(Component.OLLAMA.serviceName());
  }

  /**
   * One dependent per listed model, depending on our ollama container when there is one; then one
   * per preloaded model, after its pull.
   */
  static List<Dependent> dependents(
      DesiredState desired, Overrides overrides, Set<ResourceKey> nodes) {
    if (!managed(desired, overrides)) {
      return List.of();
    }
    List<ResourceKey> deps = ollamaKey(desired, nodes);
    List<Dependent> out = new ArrayList<>();
    for (String m : desired.models().stream().sorted().distinct().toList()) {
      out.add(new ModelDependent(m, desired.ollamaUrl(), deps));
    }
    Optional<ResourceKey> holder = deps.stream().findFirst();
    for (String m : desired.preload()) {
      List<ResourceKey> after = new ArrayList<>();
      // Validation keeps preload within models; a model that is not pulled here is Ollama's to
      // refuse (its own "not found"), not a graph edge to nowhere.
      if (desired.models().contains(m)) {
        after.add(ResourceKey.model(m));
      }
      after.addAll(deps);
      out.add(new PreloadDependent(m, desired.ollamaUrl(), desired.keepAlive(), after, holder));
    }
    return out;
  }

  private static List<ResourceKey> ollamaKey(DesiredState desired, Set<ResourceKey> nodes) {
    ResourceKey ollama =
        ResourceKey.container(Component.OLLAMA.containerName(desired.installation()));
    return nodes.contains(ollama) ? List.of(ollama) : List.of();
  }

  /** What the plan must say about models it cannot manage. */
  static List<String> notes(DesiredState desired, ObservedState observed, Overrides overrides) {
    if (overrides.stop().contains(Component.OLLAMA.serviceName())) {
      return List.of();
    }
    if (desired.ollamaUrl() == null) {
      return desired.models().isEmpty() && !desired.pruneModels()
          ? List.of()
          : List.of(
              "models are not managed: Ollama's port is not published (services.ollama.port),"
                  + " so this tool cannot reach its API");
    }
    if (desired.pruneModels() && observed.models() == null) {
      // Deleting needs the list of what is there; guessing could delete a user's model.
      return List.of(
          "pruneModels: Ollama did not answer at "
              + desired.ollamaUrl()
              + ", so models to remove are evaluated on the next apply once it does");
    }
    return List.of();
  }

  /** Deletions of unlisted models, with {@code pruneModels} and a list from Ollama only. */
  static List<Action> prunes(
      DesiredState desired,
      ObservedState observed,
      Overrides overrides,
      Set<ResourceKey> nodes,
      Set<ResourceKey> withActions) {
    if (!managed(desired, overrides) || !desired.pruneModels() || observed.models() == null) {
      return List.of();
    }
    List<ResourceKey> deps =
        ollamaKey(desired, nodes).stream().filter(withActions::contains).toList();
    Set<String> want =
        desired.models().stream().map(ModelPlanner::normalize).collect(Collectors.toSet());
    return observed.models().stream()
        .filter(m -> !want.contains(normalize(m.name())))
        .sorted(Comparator.comparing(ObservedModel::name))
        .map(
            m ->
                (Action) new Action.DeleteModel(m.name(), desired.ollamaUrl(), m.sizeBytes(), deps))
        .toList();
  }

  /** {@code llama3.2} and {@code llama3.2:latest} name the same model. */
  static String normalize(String model) {
    return dev.ollamastack.model.ModelNames.normalize(model);
  }
}
