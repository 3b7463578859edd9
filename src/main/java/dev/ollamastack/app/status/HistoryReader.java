package dev.ollamastack.app.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.app.status.StatusReport.LastApply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Reads the last apply from {@code history.jsonl}; a missing or broken file is no history. */
final class HistoryReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HistoryReader() {}

  static LastApply last(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return null;
    }
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          JsonNode n = JSON.readTree(lines.get(i));
          return new LastApply(
              Instant.parse(n.path("time").asText()),
              n.path("outcome").asText("unknown"),
              n.path("actions").asInt(),
              n.path("failed").asInt());
        }
      }
    } catch (IOException | RuntimeException e) {
      // informational only: a damaged history must not break status
    }
    return null;
  }
}
