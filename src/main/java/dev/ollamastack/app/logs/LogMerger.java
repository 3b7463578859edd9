package dev.ollamastack.app.logs;

import dev.ollamastack.engine.LogLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Merges the logs of several containers into one timeline, ordered by Docker's timestamps. The sort
 * is stable, so lines of one container with equal times keep their order; a line without a
 * timestamp takes its predecessor's, so it stays with the lines around it.
 */
public final class LogMerger {
  private LogMerger() {}

  public static List<ServiceLine> merge(Map<LogTarget, List<LogLine>> byTarget) {
    record Timed(Instant at, ServiceLine line) {}
    List<Timed> all = new ArrayList<>();
    for (var e : byTarget.entrySet()) {
      Instant last = Instant.MIN;
      for (LogLine l : e.getValue()) {
        if (l.timestamp() != null) {
          last = l.timestamp();
        }
        all.add(new Timed(last, new ServiceLine(e.getKey().service(), l)));
      }
    }
    all.sort(Comparator.comparing(Timed::at));
    return all.stream().map(Timed::line).toList();
  }
}
