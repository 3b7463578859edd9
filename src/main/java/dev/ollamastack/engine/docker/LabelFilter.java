package dev.ollamastack.engine.docker;

import java.util.List;
import java.util.Map;

/** Docker's {@code label} filter values: {@code key=value}, or {@code key} for any value. */
final class LabelFilter {
  private LabelFilter() {}

  static List<String> of(Map<String, String> labels) {
    return labels.entrySet().stream()
        .map(e -> e.getValue() == null ? e.getKey() : e.getKey() + "=" + e.getValue())
        .sorted()
        .toList();
  }
}
