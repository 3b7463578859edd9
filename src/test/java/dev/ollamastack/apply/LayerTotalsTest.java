package dev.ollamastack.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.engine.PullProgress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerTotalsTest {
  @Test
  void sumsTheDownloadedBytesOfEveryLayerIntoOneFigure() {
    List<long[]> seen = new ArrayList<>();
    LayerTotals totals = new LayerTotals();
    ActionRunner.Progress sink = (msg, cur, total) -> seen.add(new long[] {cur, total});
    totals.accept(new PullProgress("a", "Pulling fs layer", 0, 0), sink);
    totals.accept(new PullProgress("a", "Downloading", 50, 100), sink);
    totals.accept(new PullProgress("b", "Downloading", 10, 300), sink);
    totals.accept(new PullProgress("a", "Download complete", 0, 0), sink);
    totals.accept(new PullProgress("a", "Extracting", 20, 100), sink);
    assertThat(seen.get(0)).containsExactly(0, 0);
    assertThat(seen.get(2)).containsExactly(60, 400);
    assertThat(seen.get(3)).containsExactly(110, 400);
    assertThat(seen.get(4)).containsExactly(110, 400);
  }
}
