package dev.ollamastack.cli;

import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.Problem;
import dev.ollamastack.plan.PlanText;
import java.io.PrintWriter;

/** Prints a plan for people: context line, warnings (stderr), the plan (stdout). */
final class PlanPrinter {
  private PlanPrinter() {}

  static void print(PrintWriter out, PrintWriter err, PlannedStack p, boolean color) {
    print(out, err, p, color, PlanText.NO_CHANGES);
  }

  /**
   * @param nothing what an empty plan says
   */
  static void print(
      PrintWriter out, PrintWriter err, PlannedStack p, boolean color, String nothing) {
    out.println(
        "Installation \""
            + p.spec().name()
            + "\" from "
            + p.loaded().displayName()
            + " · platform "
            + p.platform().platform().yamlName()
            + " ("
            + p.platform().reason()
            + ") · Docker "
            + p.engine().serverVersion()
            + " at "
            + p.engine().where());
    out.println(LockLine.of(p));
    out.println();
    for (String w : p.plan().warnings()) {
      err.println("warning: " + w);
    }
    String text = PlanText.render(p.plan(), nothing);
    out.print(color ? colorize(text) : text);
    out.flush();
    err.flush();
  }

  static void warnings(PrintWriter err, LoadedStack loaded) {
    for (Problem w : loaded.warnings()) {
      err.println("warning: " + w.format());
    }
  }

  private static String colorize(String text) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String t = line.stripLeading();
      String code =
          t.startsWith("+ ")
              ? "32"
              : t.startsWith("~ ")
                  ? "33"
                  : t.startsWith("- ") ? "31" : t.startsWith("! ") ? "31;1" : null;
      sb.append(code == null ? line : "\u001b[" + code + "m" + line + "\u001b[0m").append('\n');
    }
    sb.setLength(sb.length() - 1);
    return sb.toString();
  }
}
