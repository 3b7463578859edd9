package dev.ollamastack.apply;

import dev.ollamastack.engine.PullProgress;
import java.util.HashMap;
import java.util.Map;

/**
 * Docker reports an image pull layer by layer; users want one figure for the image. Sums the bytes
 * of every layer seen so far (downloads only: extraction re-counts the same bytes).
 */
final class LayerTotals {
  private final Map<String, long[]> layers = new HashMap<>();

  synchronized void accept(PullProgress p, ActionRunner.Progress progress) {
    if (p.layer() != null
        && p.total() > 0
        && p.status() != null
        && p.status().startsWith("Downloading")) {
      layers.put(p.layer(), new long[] {p.current(), p.total()});
    } else if (p.layer() != null
        && "Download complete".equals(p.status())
        && layers.containsKey(p.layer())) {
      long[] l = layers.get(p.layer());
      l[0] = l[1];
    }
    long current = 0;
    long total = 0;
    for (long[] l : layers.values()) {
      current += l[0];
      total += l[1];
    }
    progress.report(total > 0 ? "downloading" : p.status(), current, total);
  }
}
