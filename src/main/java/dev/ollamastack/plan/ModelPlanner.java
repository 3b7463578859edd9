package dev.ollamastack.plan;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.model.ObservedState;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Models are resources too: listed ones are pulled once Ollama is ready, unlisted ones are deleted
 * only with {@code pruneModels}, and only when Ollama told us what it has.
 */
final class ModelPlanner {
  private ModelPlanner() {}

  static void plan(
      DesiredState desired, ObservedState observed, Overrides overrides, PlanBuilder b) {
    if (desired.ollamaUrl() == null || overrides.stop().contains(Component.OLLAMA.serviceName())) {
      return;
    }
    List<String> deps =
        b.present(
            List.of(Action.containerKey(Component.OLLAMA.containerName(desired.installation()))));
    List<ObservedModel> present = observed.models();
    Set<String> have =
        present == null
            ? Set.of()
            : present.stream().map(m -> normalize(m.name())).collect(Collectors.toSet());
    Set<String> want =
        desired.models().stream().map(ModelPlanner::normalize).collect(Collectors.toSet());
    for (String m : desired.models().stream().sorted().toList()) {
      if (!have.contains(normalize(m))) {
        b.addOnce(new Action.PullModel(m, desired.ollamaUrl(), deps));
      }
    }
    if (desired.pruneModels() && present != null) {
      present.stream()
          .filter(m -> !want.contains(normalize(m.name())))
          .sorted(java.util.Comparator.comparing(ObservedModel::name))
          .forEach(
              m ->
                  b.addOnce(
                      new Action.DeleteModel(m.name(), desired.ollamaUrl(), m.sizeBytes(), deps)));
    }
  }

  /** {@code llama3.2} and {@code llama3.2:latest} name the same model. */
  static String normalize(String model) {
    String name = model.contains(":") ? model : model + ":latest";
    return name.startsWith("library/") ? name.substring("library/".length()) : name;
  }
}
