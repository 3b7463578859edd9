package dev.ollamastack.apply;

import dev.ollamastack.health.OllamaClient;
import dev.ollamastack.model.LoadedModel;
import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.PlanText;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Loads a preloaded model into Ollama's memory, then says where it runs ({@code /api/ps}: CPU, GPU
 * or split), as {@code ollama ps} would. A failure carries Ollama's own message, like a pull's.
 */
final class ModelPreload {
  // Ollama gives up a load that makes no progress for OLLAMA_LOAD_TIMEOUT (5 minutes by default)
  // and answers with its error; the bound here only ends a wait on an Ollama that never answers.
  static final Duration LOAD_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration PS_TIMEOUT = Duration.ofSeconds(10);

  private ModelPreload() {}

  static Outcome run(Action.PreloadModel p, ActionRunner.Progress progress) throws IOException {
    OllamaClient ollama = new OllamaClient(p.ollamaUrl());
    progress.report("loading into memory", 0, 0);
    ollama.load(p.model(), p.keepAlive(), LOAD_TIMEOUT);
    List<LoadedModel> loaded;
    try {
      loaded = ollama.ps(PS_TIMEOUT);
    } catch (IOException e) {
      return new Outcome.Done("loaded"); // loaded is what was asked; where it runs is a bonus
    }
    return new Outcome.Done(
        loaded.stream()
            .filter(m -> m.is(p.model()))
            .findFirst()
            .map(m -> "loaded, " + PlanText.humanBytes(m.sizeBytes()) + ", " + m.processor())
            .orElse("loaded"));
  }
}
