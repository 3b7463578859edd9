package dev.ollamastack.cli;

import dev.ollamastack.app.PlanRequest;
import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.Reconciler;
import dev.ollamastack.app.SavedPlans;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.model.ExitCode;
import dev.ollamastack.plan.Overrides;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plan}: what {@code apply} would do, without doing it. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Show what apply would change: + create, ~ recreate (with reasons), > start, - remove.")
final class PlanCommand extends CommandSupport implements Callable<Integer> {
  @Mixin PlanOptions planOptions;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 0 when there are no changes, 2 when there are (Terraform's convention).")
  boolean detailedExitCode;

  /** json and yaml print the stable plan schema (docs/plan-format.md). */
  @Mixin OutputOptions output;

  @Option(names = "--out", paramLabel = "FILE", description = "Save the plan for 'apply FILE'.")
  Path outFile;

  @Override
  public Integer call() {
    Path out = outFile == null ? null : context().cwd().resolve(outFile);
    if (out != null) {
      SavedPlans.checkWritable(out);
    }
    Reconciler reconciler = new Reconciler(context(), new PlatformResolver(context().host()));
    var loaded = reconciler.load(globals().file());
    PlanPrinter.warnings(err(), loaded);
    try (DockerEngine engine = context().engines().connect()) {
      PlannedStack planned =
          reconciler.plan(
              loaded,
              new PlanRequest(globals().file(), planOptions.platform, Overrides.NONE, false),
              engine);
      if (output.text()) {
        PlanPrinter.print(out(), err(), planned, color());
      } else {
        output.printDocument(out(), SavedPlans.document(planned));
      }
      if (out != null) {
        SavedPlans.write(planned, out);
        err()
            .println(
                "Saved the plan to "
                    + outFile
                    + "; apply it with 'ollama-stack apply "
                    + outFile
                    + "'.");
      }
      return detailedExitCode && !planned.plan().isEmpty() ? ExitCode.CHANGES.code() : 0;
    }
  }
}
