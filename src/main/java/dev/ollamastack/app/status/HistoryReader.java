package dev.ollamastack.app.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.app.status.StatusReport.LastApply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Reads the last apply from {@code history.jsonl}: the last line that parses. A damaged line (an
 * apply killed while writing it, a hand edit) is skipped, never a reason to hide the others; a
 * missing or unreadable file is no history.
 */
final class HistoryReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HistoryReader() {}

  static LastApply last(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return null;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null; // informational only: a damaged history must not break status
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      LastApply entry = parse(lines.get(i));
      if (entry != null) {
        return entry;
      }
    }
    return null;
  }

  private static LastApply parse(String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(line);
      if (!n.isObject() || !n.path("time").isTextual()) {
        return null;
      }
      return new LastApply(
          Instant.parse(n.path("time").asText()),
          n.path("outcome").asText("unknown"),
          n.path("actions").asInt(),
          n.path("failed").asInt());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
