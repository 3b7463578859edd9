package dev.ollamastack.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.apply.ApplyResult;
import dev.ollamastack.apply.Outcome;
import dev.ollamastack.health.EndToEndCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/** {@code history.jsonl}: one line per apply (time, stack file hash, actions, outcome). */
public final class ApplyHistory {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApplyHistory() {}

  /**
   * @param checks the end-to-end checks run after the actions: a failed one makes the outcome
   *     {@code unhealthy} (every action done, but the services do not work together), named in
   *     {@code failedChecks}
   */
  public static void append(
      Path file, PlannedStack planned, ApplyResult result, List<EndToEndCheck> checks, Instant at) {
    ObjectNode n = JSON.createObjectNode();
    n.put("time", at.toString());
    n.put("installation", planned.spec().name());
    n.put("stackFile", planned.loaded().displayName());
    n.put("stackSha256", planned.loaded().contentSha256());
    n.put("fingerprint", planned.fingerprint());
    n.put("actions", result.outcomes().size());
    n.put("done", result.count(Outcome.Done.class));
    n.put("failed", result.count(Outcome.Failed.class));
    n.put("skipped", result.count(Outcome.Skipped.class));
    List<String> failedChecks =
        checks.stream().filter(EndToEndCheck::failed).map(EndToEndCheck::name).toList();
    n.put(
        "outcome",
        !result.succeeded() ? "failed" : failedChecks.isEmpty() ? "converged" : "unhealthy");
    if (!failedChecks.isEmpty()) {
      failedChecks.forEach(n.putArray("failedChecks")::add);
    }
    n.put("elapsedMs", result.elapsed().toMillis());
    try {
      appendLine(file, JSON.writeValueAsString(n));
    } catch (IOException e) {
      // history is informational: an apply that converged must not fail because of it
    }
  }

  /**
   * Appends one line. A file that does not end with a newline (an apply killed mid-write) gets one
   * first, so the new entry never glues onto the partial one; readers skip the partial line.
   */
  static void appendLine(Path file, String line) throws IOException {
    try (FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      boolean partial = false;
      if (size > 0) {
        ByteBuffer last = ByteBuffer.allocate(1);
        ch.read(last, size - 1);
        partial = last.get(0) != '\n';
      }
      ByteBuffer bytes =
          ByteBuffer.wrap(((partial ? "\n" : "") + line + "\n").getBytes(StandardCharsets.UTF_8));
      long at = size;
      while (bytes.hasRemaining()) {
        at += ch.write(bytes, at);
      }
      ch.force(false);
    }
  }
}
