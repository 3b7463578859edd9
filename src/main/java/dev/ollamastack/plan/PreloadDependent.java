package dev.ollamastack.plan;

import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ResourceKey;
import java.util.List;
import java.util.Optional;

/**
 * A model listed in {@code services.ollama.preload}: loaded into Ollama's memory when {@code
 * /api/ps} does not list it (or Ollama did not answer), after its pull and after our ollama
 * container is ready. Level-triggered: an Ollama restart forgets what it loaded, so the next plan
 * loads it again; a plan that (re)starts our ollama container loads it whatever was observed.
 *
 * @param model as the models list names it
 * @param dependsOn the model's pull and our ollama container, those that are nodes of the graph
 * @param holder our ollama container, when the stack runs one
 */
record PreloadDependent(
    String model,
    String ollamaUrl,
    String keepAlive,
    List<ResourceKey> dependsOn,
    Optional<ResourceKey> holder)
    implements Dependent {
  PreloadDependent {
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public ResourceKey key() {
    return ResourceKey.loadedModel(model);
  }

  @Override
  public Optional<ResourceKey> heldIn() {
    return holder;
  }

  @Override
  public Match match(ObservedState observed) {
    return observed.loaded(model) ? Match.IN_SYNC : Match.MISSING;
  }

  @Override
  public Optional<Action> converge(Match match, ObservedState observed, List<ResourceKey> deps) {
    return match instanceof Match.Missing
        ? Optional.of(new Action.PreloadModel(model, ollamaUrl, keepAlive, deps))
        : Optional.empty();
  }
}
