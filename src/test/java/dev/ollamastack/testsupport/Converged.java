package dev.ollamastack.testsupport;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.PlanRequest;
import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.Reconciler;
import dev.ollamastack.apply.ActionRunner;
import dev.ollamastack.apply.ApplyResult;
import dev.ollamastack.apply.DockerActionRunner;
import dev.ollamastack.apply.PlanExecutor;
import dev.ollamastack.apply.ProgressListener;
import dev.ollamastack.plan.Overrides;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Brings a {@link FakeDockerEngine} to the converged default stack, as {@code apply} would. */
public final class Converged {
  /** Runners that call every started container ready at once: no real endpoints behind a fake. */
  public static final ActionRunner.Factory RUNNERS =
      (engine, timeout) ->
          new DockerActionRunner(engine, (spec, c) -> true, Duration.ofMillis(600));

  private Converged() {}

  /** A context on a plain {@link FakeHost}. */
  public static AppContext context(Path home, FakeDockerEngine engine) {
    return context(home, engine, new FakeHost());
  }

  public static AppContext context(Path home, FakeDockerEngine engine, FakeHost host) {
    return new AppContext(Map.of(), home, home, false, () -> engine, host);
  }

  public static void apply(AppContext ctx, FakeDockerEngine engine) {
    Reconciler r = new Reconciler(ctx, new PlatformResolver(ctx.host()));
    PlannedStack p = r.plan(new PlanRequest(null, null, Overrides.NONE, true), engine);
    ApplyResult result =
        new PlanExecutor(RUNNERS.create(engine, Duration.ZERO), ProgressListener.NONE)
            .execute(p.plan());
    if (!result.succeeded()) {
      throw new AssertionError("fake apply failed: " + result.outcomes());
    }
  }
}
