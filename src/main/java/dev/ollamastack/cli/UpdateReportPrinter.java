package dev.ollamastack.cli;

import dev.ollamastack.app.UpdateCheck;
import dev.ollamastack.model.ImageRef;
import java.io.PrintWriter;

/** {@code update --check} for people: one line per image, then what to run. */
final class UpdateReportPrinter {
  private UpdateReportPrinter() {}

  static void print(PrintWriter out, UpdateCheck.Report r) {
    out.println("Installation \"" + r.installation() + "\" · lock " + r.lockFile());
    int width = r.images().stream().mapToInt(i -> i.reference().length()).max().orElse(0);
    long newer = 0;
    for (UpdateCheck.ImageStatus i : r.images()) {
      String pad = " ".repeat(width - i.reference().length() + 1);
      String what =
          switch (i.status()) {
            case UP_TO_DATE -> "up to date (" + ImageRef.shortDigest(i.latest()) + ")";
            case NEWER ->
                "NEWER: "
                    + ImageRef.shortDigest(i.current())
                    + " → "
                    + ImageRef.shortDigest(i.latest());
            case NOT_PINNED ->
                "not pinned yet: the registry has " + ImageRef.shortDigest(i.latest());
            case LOCAL_ONLY -> "built locally: no registry to ask";
          };
      if (i.status() == UpdateCheck.Status.NEWER || i.status() == UpdateCheck.Status.NOT_PINNED) {
        newer++;
      }
      out.println(
          "  " + i.reference() + pad + what + "  (" + String.join(", ", i.services()) + ")");
    }
    r.notes().forEach(n -> out.println("note: " + n));
    out.println(
        newer == 0
            ? "Everything is up to date."
            : newer + " image(s) can be updated: run 'ollama-stack update' to pull and apply.");
    out.flush();
  }
}
