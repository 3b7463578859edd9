package dev.ollamastack.plan;

import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ResourceKey;
import java.util.List;
import java.util.Optional;

/**
 * A model listed in {@code services.ollama.models}: pulled through Ollama's API when Ollama does
 * not have it (or did not answer: then the pull waits for Ollama in the plan).
 *
 * @param dependsOn our ollama container, when the stack runs one
 */
record ModelDependent(String model, String ollamaUrl, List<ResourceKey> dependsOn)
    implements Dependent {
  ModelDependent {
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public ResourceKey key() {
    return ResourceKey.model(model);
  }

  @Override
  public Match match(ObservedState observed) {
    List<ObservedModel> present = observed.models();
    boolean have =
        present != null
            && present.stream()
                .anyMatch(
                    m -> ModelPlanner.normalize(m.name()).equals(ModelPlanner.normalize(model)));
    return have ? Match.IN_SYNC : Match.MISSING;
  }

  @Override
  public Optional<Action> converge(Match match, ObservedState observed, List<ResourceKey> deps) {
    return match instanceof Match.Missing
        ? Optional.of(new Action.PullModel(model, ollamaUrl, deps))
        : Optional.empty();
  }
}
