package dev.ollamastack.app.status;

import dev.ollamastack.model.LoadedModel;
import dev.ollamastack.model.ModelNames;
import dev.ollamastack.model.ObservedModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Puts together, per model, what the stack lists, what Ollama has ({@code /api/tags}) and what it
 * holds in memory ({@code /api/ps}). Pure.
 */
final class ModelStates {
  private ModelStates() {}

  /**
   * The listed models in stack order, then the others Ollama has or holds, by name.
   *
   * @param present {@code null} when Ollama did not answer {@code /api/tags}
   * @param loaded {@code null} when Ollama did not answer {@code /api/ps}
   */
  static List<ModelState> of(
      List<String> listed,
      List<String> preload,
      List<ObservedModel> present,
      List<LoadedModel> loaded) {
    List<String> names = new ArrayList<>();
    listed.forEach(m -> add(names, m));
    List<String> others = new ArrayList<>();
    if (present != null) {
      present.forEach(m -> others.add(m.name()));
    }
    if (loaded != null) {
      loaded.forEach(m -> others.add(m.name()));
    }
    others.stream().sorted(Comparator.naturalOrder()).forEach(m -> add(names, m));
    List<ModelState> out = new ArrayList<>();
    for (String name : names) {
      Optional<ObservedModel> disk =
          present == null
              ? Optional.empty()
              : present.stream().filter(m -> ModelNames.same(m.name(), name)).findFirst();
      Optional<LoadedModel> memory =
          loaded == null ? Optional.empty() : loaded.stream().filter(m -> m.is(name)).findFirst();
      out.add(
          new ModelState(
              name,
              listed.stream().anyMatch(m -> ModelNames.same(m, name)),
              preload.stream().anyMatch(m -> ModelNames.same(m, name)),
              present == null ? null : disk.isPresent(),
              disk.map(ObservedModel::sizeBytes).orElse(null),
              loaded == null ? null : memory.isPresent(),
              memory.map(LoadedModel::sizeBytes).orElse(null),
              memory.map(LoadedModel::vramBytes).orElse(null),
              memory.map(m -> m.runsOn().label()).orElse(null),
              memory.map(LoadedModel::processor).orElse(null),
              memory.map(LoadedModel::expiresAt).orElse(null)));
    }
    return out;
  }

  private static void add(List<String> names, String model) {
    if (names.stream().noneMatch(n -> ModelNames.same(n, model))) {
      names.add(model);
    }
  }
}
