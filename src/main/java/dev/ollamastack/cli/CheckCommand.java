package dev.ollamastack.cli;

import dev.ollamastack.app.check.CheckItem;
import dev.ollamastack.app.check.CheckReport;
import dev.ollamastack.app.check.EnvironmentChecker;
import dev.ollamastack.model.ExitCode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code check}: is this machine ready for the stack? Every item with a one-line remedy. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check the environment: Docker, disk, ports, GPU platform, stack file, secrets.",
      "When the stack runs, also end to end: webui reaches Ollama and lists its models,"
          + " mcp-proxy serves the tools of every enabled extension, Ollama uses the GPU.",
      "Exit 0 when nothing fails (warnings allowed), 1 otherwise, also when Docker is down."
    })
final class CheckCommand extends CommandSupport implements Callable<Integer> {
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    CheckReport report = new EnvironmentChecker(context()).check(globals().file());
    PrintWriter out = out();
    if (output.text()) {
      print(out, report);
    } else {
      output.printDocument(out, report);
    }
    out.flush();
    return report.summary().ok() ? 0 : ExitCode.FAILED.code();
  }

  private void print(PrintWriter out, CheckReport report) {
    int width = report.checks().stream().mapToInt(c -> c.name().length()).max().orElse(0);
    for (CheckItem c : report.checks()) {
      String mark =
          switch (c.status()) {
            case PASS -> StatusPrinter.paint("ok  ", "32", color());
            case WARN -> StatusPrinter.paint("warn", "33", color());
            case FAIL -> StatusPrinter.paint("FAIL", "31;1", color());
            case SKIP -> "skip";
          };
      String name = c.name() + " ".repeat(width - c.name().length());
      out.println(mark + "  " + name + "  " + c.detail());
      if (c.hint() != null) {
        out.println("      " + " ".repeat(width) + "  hint: " + c.hint());
      }
    }
    var s = report.summary();
    out.println();
    out.println(
        s.pass()
            + " passed, "
            + s.warn()
            + (s.warn() == 1 ? " warning, " : " warnings, ")
            + s.fail()
            + " failed, "
            + s.skip()
            + " skipped."
            + (s.ok() ? "" : " Fix the failures above, then run 'ollama-stack check' again."));
  }
}
