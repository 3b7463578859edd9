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
            case UNREACHABLE -> "registry unreachable";
          };
      if (i.status() == UpdateCheck.Status.NEWER || i.status() == UpdateCheck.Status.NOT_PINNED) {
        newer++;
      }
      out.println(
          "  " + i.reference() + pad + what + "  (" + String.join(", ", i.services()) + ")");
    }
    int mwidth = r.models().stream().mapToInt(m -> m.name().length()).max().orElse(0);
    long newerModels = 0;
    for (UpdateCheck.ModelStatus m : r.models()) {
      String pad = " ".repeat(mwidth - m.name().length() + 1);
      String what =
          switch (m.status()) {
            case UP_TO_DATE -> "up to date (" + ImageRef.shortDigest(m.latest()) + ")";
            case NEWER ->
                "NEWER: "
                    + ImageRef.shortDigest(m.current())
                    + " → "
                    + ImageRef.shortDigest(m.latest());
            case NOT_PINNED ->
                "not pulled yet: the registry has " + ImageRef.shortDigest(m.latest());
            case UNREACHABLE -> "not checked: " + m.error();
            case LOCAL_ONLY -> "local only";
          };
      if (m.status() == UpdateCheck.Status.NEWER) {
        newerModels++;
      }
      out.println("  model " + m.name() + pad + what);
    }
    r.notes().forEach(n -> out.println("note: " + n));
    if (newer == 0 && newerModels == 0) {
      out.println("Everything is up to date.");
    }
    if (newer > 0) {
      out.println(newer + " image(s) can be updated: run 'ollama-stack update' to pull and apply.");
    }
    if (newerModels > 0) {
      out.println(
          newerModels
              + " model(s) can be updated: run 'ollama-stack update --models' to pull them.");
    }
    out.flush();
  }
}
