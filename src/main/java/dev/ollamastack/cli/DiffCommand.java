package dev.ollamastack.cli;

import dev.ollamastack.app.PlanRequest;
import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.Reconciler;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.model.ExitCode;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.plan.StateDiff;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code diff}: desired vs actual, field by field. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = "Show desired vs actual for every resource, field by field (like kubectl diff).")
final class DiffCommand extends CommandSupport implements Callable<Integer> {
  @Mixin PlanOptions planOptions;

  @Option(names = "--detailed-exitcode", description = "Exit 0 when in sync, 2 when different.")
  boolean detailedExitCode;

  @Override
  public Integer call() {
    Reconciler reconciler = new Reconciler(context(), new PlatformResolver(context().host()));
    var loaded = reconciler.load(globals().file());
    try (DockerEngine engine = context().engines().connect()) {
      PlannedStack p =
          reconciler.plan(
              loaded,
              new PlanRequest(globals().file(), planOptions.platform, Overrides.NONE, false),
              engine);
      String diff = StateDiff.render(p.desired(), p.observed(), p.plan().matches());
      if (diff.isEmpty()) {
        out().println("No differences: the stack matches the desired state.");
        return 0;
      }
      out().print(diff);
      out().flush();
      return detailedExitCode ? ExitCode.CHANGES.code() : 0;
    }
  }
}
