package dev.ollamastack.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.apply.ApplyResult;
import dev.ollamastack.apply.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** {@code history.jsonl}: one line per apply (time, stack file hash, actions, outcome). */
public final class ApplyHistory {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApplyHistory() {}

  public static void append(Path file, PlannedStack planned, ApplyResult result, Instant at) {
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
    n.put("outcome", result.succeeded() ? "converged" : "failed");
    n.put("elapsedMs", result.elapsed().toMillis());
    try {
      Files.writeString(
          file,
          JSON.writeValueAsString(n) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // history is informational: an apply that converged must not fail because of it
    }
  }
}
