package dev.ollamastack.cli;

import dev.ollamastack.app.ApplyStack;
import dev.ollamastack.app.ConvergeIntent;
import dev.ollamastack.app.SavedPlans;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.plan.PlanDocument;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code apply [PLANFILE]}: converge Docker to the stack file (or to a saved plan). */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Plan, show the plan, ask, then converge Docker to the stack file.",
      "Asks for confirmation on a terminal; without a terminal it needs --yes (else exit 5).",
      "With PLANFILE (from 'plan --out') applies exactly that plan, or exits 5 if it is stale.",
      "Ends with the end-to-end checks (webui reaches Ollama, mcp-proxy serves the extensions'"
          + " tools, Ollama uses the GPU): a failed one exits 1, a warning does not."
    })
final class ApplyCommand extends CommandSupport implements Callable<Integer> {
  @Mixin PlanOptions planOptions;
  @Mixin ApplyOptions applyOptions;

  @Option(
      names = {"-y", "--yes"},
      description = "Apply without asking.")
  boolean yes;

  @Option(
      names = "--locked",
      description =
          "Use only the digests of the lock file (CI, GitOps): exit 5 when it is missing or does"
              + " not pin every image and model of the stack file; the lock is not rewritten.")
  boolean locked;

  @Parameters(
      arity = "0..1",
      paramLabel = "PLANFILE",
      description = "A plan saved with 'plan --out'.")
  Path planFile;

  @Override
  public Integer call() {
    PlanDocument saved =
        planFile == null ? null : SavedPlans.read(context().cwd().resolve(planFile));
    Path file = globals().file();
    if (saved != null) {
      SavedPlans.checkStackFile(saved, file == null ? null : context().cwd().resolve(file));
      file = saved.stackFile() == null ? null : Path.of(saved.stackFile());
    }
    ApplyFlow flow = applyFlow();
    return flow.run(
        new ApplyStack.Request(
            file,
            planOptions.platform,
            Overrides.NONE,
            applyOptions.lockTimeout,
            applyOptions.readyTimeout,
            !yes && saved == null,
            false,
            saved,
            new ConvergeIntent(locked)));
  }
}
