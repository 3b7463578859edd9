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

  /** Adds the model actions; returns notes for the plan's warnings. */
  static List<String> plan(
      DesiredState desired, ObservedState observed, Overrides overrides, PlanBuilder b) {
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
    if (desired.pruneModels() && present == null) {
      // Deleting needs the list of what is there; guessing could delete a user's model.
      return List.of(
          "pruneModels: Ollama did not answer at "
              + desired.ollamaUrl()
              + ", so models to remove are evaluated on the next apply once it does");
    }
    if (desired.pruneModels()) {
      present.stream()
          .filter(m -> !want.contains(normalize(m.name())))
          .sorted(java.util.Comparator.comparing(ObservedModel::name))
          .forEach(
              m ->
                  b.addOnce(
                      new Action.DeleteModel(m.name(), desired.ollamaUrl(), m.sizeBytes(), deps)));
    }
    return List.of();
  }

  /** {@code llama3.2} and {@code llama3.2:latest} name the same model. */
  static String normalize(String model) {
    String name = model.contains(":") ? model : model + ":latest";
    return name.startsWith("library/") ? name.substring("library/".length()) : name;
  }
}
