package dev.ollamastack.apply;

import dev.ollamastack.health.OllamaClient.PullStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns Ollama's per-layer pull lines ({@code pulling <digest>} with that layer's bytes) into one
 * byte count per model, so a model has one progress bar however many layers it has. Status lines
 * without bytes ({@code pulling manifest}, {@code verifying sha256 digest}) pass through as
 * messages.
 */
final class ModelPullProgress {
  static final String DOWNLOADING = "downloading";

  private final ActionRunner.Progress out;
  private final Map<String, long[]> layers = new LinkedHashMap<>();

  ModelPullProgress(ActionRunner.Progress out) {
    this.out = out;
  }

  void accept(PullStatus s) {
    if (s.digest() == null || s.total() <= 0) {
      out.report(s.status(), 0, 0);
      return;
    }
    layers.put(s.digest(), new long[] {s.completed(), s.total()});
    long completed = 0;
    long total = 0;
    for (long[] l : layers.values()) {
      completed += l[0];
      total += l[1];
    }
    out.report(DOWNLOADING, completed, total);
  }
}
