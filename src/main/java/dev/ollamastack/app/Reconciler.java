package dev.ollamastack.app;

import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.SecretStore;
import dev.ollamastack.config.StackLoader;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.model.ToolVersion;
import dev.ollamastack.observe.Fingerprint;
import dev.ollamastack.observe.StateObserver;
import dev.ollamastack.plan.Plan;
import dev.ollamastack.plan.Planner;
import dev.ollamastack.plan.StackRenderer;
import java.nio.file.Path;

/** Load → render → observe → plan: the part of the loop every command shares. */
public final class Reconciler {
  /** Placeholder secrets for planning before they exist: every affected container is new. */
  private static final Secrets NOT_YET_GENERATED =
      new Secrets("(generated on first apply)", "(generated on first apply)");

  private final AppContext ctx;
  private final PlatformResolver platforms;

  public Reconciler(AppContext ctx, PlatformResolver platforms) {
    this.ctx = ctx;
    this.platforms = platforms;
  }

  /** Loads and validates the stack file only: no Docker call. */
  public LoadedStack load(Path file) {
    return new StackLoader(ctx.env(), ctx.cwd()).load(file);
  }

  public PlannedStack plan(PlanRequest req, DockerEngine engine) {
    return plan(load(req.file()), req, engine);
  }

  public PlannedStack plan(LoadedStack loaded, PlanRequest req, DockerEngine engine) {
    PlatformChoice platform = platforms.resolve(loaded.spec(), req.platform());
    StackSpec spec = loaded.spec().withPlatform(platform.platform());
    StatePaths paths = new StatePaths(ctx.stateHome());
    Path stateDir = paths.dir(spec.name());
    SecretStore store = new SecretStore(ctx.stateHome());
    Secrets secrets =
        req.createSecrets()
            ? store.loadOrCreate(spec.name())
            : store.load(spec.name()).orElse(NOT_YET_GENERATED);
    EngineInfo info = engine.info();
    DesiredState desired =
        new StackRenderer(ToolVersion.get())
            .render(spec, secrets, Math.max(1, info.cpus()), stateDir.toString());
    ObservedState observed = new StateObserver(engine).observe(desired);
    Plan plan = new Planner().plan(desired, observed, req.overrides());
    return new PlannedStack(
        loaded, spec, platform, stateDir, info, desired, observed, plan, Fingerprint.of(observed));
  }
}
