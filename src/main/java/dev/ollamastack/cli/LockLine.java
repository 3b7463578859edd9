package dev.ollamastack.cli;

import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.model.ImageRef;
import java.nio.file.Files;
import java.util.List;

/** The plan header's account of the lock: which digest each image is created from. */
final class LockLine {
  private LockLine() {}

  static String of(PlannedStack p) {
    List<String> refs = p.desired().imageReferences();
    if (!Files.exists(p.lockFile()) && p.lock().images().isEmpty()) {
      return "Lock: none yet (apply pins registry digests in " + p.lockFile() + ")";
    }
    StringBuilder sb = new StringBuilder("Lock: ").append(p.lockFile());
    int width = refs.stream().mapToInt(String::length).max().orElse(0);
    for (String ref : refs) {
      String pin = p.lock().images().get(ref);
      sb.append("\n  image ")
          .append(ref)
          .append(" ".repeat(width - ref.length() + 1))
          .append(
              pin == null ? "(not pinned yet: apply pins what runs)" : ImageRef.shortDigest(pin));
    }
    return sb.toString();
  }
}
