package dev.ollamastack.cli;

import dev.ollamastack.app.ApplyStack;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.UpdateCheck;
import dev.ollamastack.app.UpdateIntent;
import dev.ollamastack.app.backup.PreUpdateBackup;
import dev.ollamastack.model.ExitCode;
import dev.ollamastack.plan.Overrides;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code update [SERVICE…]}: move the lock to what the tags point at now, then converge. */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = {
      "Pull what each image tag (all services by default) points at now, pin it in the lock file"
          + " and recreate only the containers whose digest changed.",
      "A failed pull changes nothing: the stack keeps running and the lock stays as it was.",
      "--check only reports newer digests of images and of the listed models (exit 2 if any), for"
          + " cron; a model registry that does not answer is reported per model and does not change"
          + " the exit code."
    })
final class UpdateCommand extends CommandSupport implements Callable<Integer> {
  @Mixin PlanOptions planOptions;
  @Mixin ApplyOptions applyOptions;

  @Option(
      names = "--check",
      description = "Only ask the registries; exit 2 when an image or model has a newer digest.")
  boolean check;

  @Option(
      names = "--models",
      description =
          "Also pull again the listed models whose registry serves a newer manifest (or cannot"
              + " be asked).")
  boolean models;

  @Option(
      names = "--dry-run",
      description = "Show the plan with the registries' digests; pull nothing.")
  boolean dryRun;

  @Option(
      names = {"-y", "--yes"},
      description = "Apply without asking.")
  boolean yes;

  /** json and yaml print the --check report. */
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "ollama, webui, mcp-proxy.")
  List<String> services;

  @Override
  public Integer call() {
    Set<String> selected =
        services == null || services.isEmpty()
            ? Set.of()
            : ServiceSelection.resolve(this, globals().file(), services);
    if (check) {
      UpdateCheck.Report report =
          new UpdateCheck(context(), new PlatformResolver(context().host()))
              .run(globals().file(), planOptions.platform, selected, models);
      if (output.text()) {
        UpdateReportPrinter.print(out(), report);
      } else {
        output.printDocument(out(), report);
      }
      return report.newer() ? ExitCode.CHANGES.code() : ExitCode.OK.code();
    }
    return applyFlow(
            new ApplyFlow.Wording(
                "No changes: every selected image runs the digest its tag points at.",
                "Update complete",
                " The lock file and the stack are up to date.",
                "ollama-stack update"))
        .run(
            new ApplyStack.Request(
                globals().file(),
                planOptions.platform,
                Overrides.NONE,
                applyOptions.lockTimeout,
                applyOptions.readyTimeout,
                !yes,
                dryRun,
                null,
                new UpdateIntent(
                    selected,
                    models,
                    dryRun,
                    new PreUpdateBackup(
                        context(),
                        new PlatformResolver(context().host()),
                        Clock.systemUTC(),
                        applyOptions.readyTimeout))));
  }
}
