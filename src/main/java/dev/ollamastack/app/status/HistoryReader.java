package dev.ollamastack.app.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.app.status.StatusReport.LastApply;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

  /** How much of the file's end is read first: the history grows by a line per apply. */
  static final int TAIL_BYTES = 64 * 1024;

  static LastApply last(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return null;
    }
    try {
      // The end of the file first, so status costs the same after years of applies; only when
      // no line there parses is the whole file read.
      try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ)) {
        long from = Math.max(0, ch.size() - TAIL_BYTES);
        ByteBuffer tail = ByteBuffer.allocate((int) (ch.size() - from));
        ch.position(from);
        while (tail.hasRemaining() && ch.read(tail) >= 0) {
          // fill
        }
        String text = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8);
        if (from
            > 0) { // a line cut at the start: dropped ('\n' never sits inside a UTF-8 character)
          text = text.substring(text.indexOf('\n') + 1);
        }
        LastApply entry = lastOf(text.lines().toList());
        if (entry != null || from == 0) {
          return entry;
        }
      }
      return lastOf(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return null; // informational only: a damaged history must not break status
    }
  }

  private static LastApply lastOf(List<String> lines) {
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
