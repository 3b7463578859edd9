package dev.ollamastack.app;

import dev.ollamastack.app.host.HostProbe;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.SecretStore;
import dev.ollamastack.config.SensitiveValues;
import dev.ollamastack.config.StackLoader;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.lock.LockFile;
import dev.ollamastack.lock.StackLock;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.model.Target;
import dev.ollamastack.model.ToolVersion;
import dev.ollamastack.observe.StateObserver;
import dev.ollamastack.plan.Plan;
import dev.ollamastack.plan.Planner;
import dev.ollamastack.plan.render.PlatformDefaults;
import dev.ollamastack.plan.render.StackRenderer;
import dev.ollamastack.plan.render.StackServices;
import dev.ollamastack.plan.render.SwarmForm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Load → render → pin → observe → plan: the part of the loop every command shares. The images are
 * pinned to the digests of the stack's lock file, so {@code plan}, {@code diff} and {@code status}
 * see what {@code apply} would run.
 */
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
    return new StackLoader(ctx.env(), ctx.cwd(), ctx.stateHome()).load(file);
  }

  public PlannedStack plan(PlanRequest req, DockerEngine engine) {
    return plan(load(req.file()), req, engine);
  }

  public PlannedStack plan(LoadedStack loaded, PlanRequest req, DockerEngine engine) {
    return plan(loaded, req, engine, desired -> {});
  }

  /**
   * As {@link #plan(LoadedStack, PlanRequest, DockerEngine)}, telling {@code rendered} the desired
   * state as soon as it is known, before the engine is observed: {@code status} starts its probes
   * of the services there.
   */
  public PlannedStack plan(
      LoadedStack loaded,
      PlanRequest req,
      DockerEngine engine,
      java.util.function.Consumer<DesiredState> rendered) {
    EngineInfo info = engine.info();
    Target target = ctx.target() != null ? ctx.target() : loaded.spec().target();
    if (target == Target.SWARM) {
      SwarmTarget.requireManager(engine);
    }
    PlatformChoice platform = platforms.resolve(loaded.spec(), req.platform(), info);
    StackSpec resolved = loaded.spec().withPlatform(platform.platform()).withTarget(target);
    StackSpec spec = PlatformDefaults.apply(resolved);
    if (!req.overrides().stopExtensions().isEmpty()) {
      spec = spec.withExtensions(spec.extensions().without(req.overrides().stopExtensions()));
    }
    if (PlatformDefaults.nativeByDefault(resolved)) {
      platform =
          new PlatformChoice(
              platform.platform(),
              platform.reason()
                  + "; Ollama runs natively on the host (the apple default: set"
                  + " services.ollama.image to run it in a container)",
              platform.gpuAccess());
    }
    StatePaths paths = new StatePaths(ctx.stateHome());
    Path stateDir = paths.dir(spec.name());
    SecretStore store = new SecretStore(ctx.stateHome());
    Secrets secrets = store.load(spec.name()).orElse(null);
    if (secrets == null) {
      // Lost or never written: the running containers hold the keys in use; taking them back
      // keeps every Open WebUI user logged in.
      Map<String, String> inUse = SecretsInUse.find(engine, spec.name());
      inUse.values().forEach(ctx.redactor()::register);
      secrets =
          req.createSecrets()
              ? store.loadOrCreate(spec.name(), inUse)
              : SecretsInUse.orPlaceholder(inUse, NOT_YET_GENERATED.webuiSecretKey());
      secrets =
          new Secrets(secrets.webuiSecretKey(), secrets.mcpoApiKey(), store.others(spec.name()));
    }
    Path lockFile = LockFile.pathFor(loaded.path(), stateDir);
    StackLock lock =
        req.lock() != null ? req.lock() : LockFile.read(lockFile).orElse(StackLock.EMPTY);
    ExtensionRequirements.check(spec, info, secrets, store.file(spec.name()).toString());
    registerSecrets(spec, secrets);
    DesiredState desired =
        new StackRenderer(ToolVersion.get(), platform.gpuAccess())
            .render(spec, secrets, Math.max(1, info.cpus()), stateDir.toString())
            .pinned(lock.images());
    if (target == Target.SWARM) {
      desired = SwarmForm.onSwarm(desired);
    }
    rendered.accept(desired);
    ObservedState observed = new StateObserver(engine).observe(desired);
    Plan plan =
        withHostCheck(
            new Planner().plan(desired, observed, req.overrides()), spec, desired, ctx.host());
    plan = plan.withWarnings(LockNotes.models(lock, desired, observed));
    List<String> ports = PortPreCheck.blockers(plan, observed, info, ctx.host());
    if (!ports.isEmpty()) {
      plan = plan.withBlockers(ports);
    }
    if (!store.notes().isEmpty()) {
      plan = plan.withWarnings(store.notes());
    }
    return new PlannedStack(
        loaded, spec, platform, stateDir, info, desired, observed, plan, lockFile, lock);
  }

  /**
   * A converged apply still writes back a lost {@code secrets.env} from the containers that hold
   * the keys: once they are gone (a stop), nothing else would remember them.
   */
  void keepSecretsInUse(String installation, DockerEngine engine) {
    SecretStore store = new SecretStore(ctx.stateHome());
    if (store.load(installation).isEmpty()) {
      Map<String, String> inUse = SecretsInUse.find(engine, installation);
      if (!inUse.isEmpty()) {
        store.loadOrCreate(installation, inUse);
      }
    }
  }

  /** Every secret this pass knows, so no log line or message shows it. */
  private void registerSecrets(StackSpec spec, Secrets secrets) {
    ctx.redactor().register(secrets.webuiSecretKey());
    ctx.redactor().register(secrets.mcpoApiKey());
    if (secrets.others() != null) {
      secrets.others().values().forEach(ctx.redactor()::register);
    }
    List<Map<String, String>> envs = new ArrayList<>();
    envs.add(spec.ollama().env());
    envs.add(spec.webui().env());
    envs.add(spec.mcpProxy().env());
    spec.extensions().settings().values().forEach(s -> envs.add(s.env()));
    for (Map<String, String> env : envs) {
      env.forEach(
          (k, v) -> {
            if (SensitiveValues.isSensitive(k)) {
              ctx.redactor().register(v);
            }
          });
    }
  }

  private static Plan withHostCheck(
      Plan plan, StackSpec spec, DesiredState desired, HostProbe host) {
    List<String> extra = new ArrayList<>();
    OllamaHostCheck.warning(spec, desired.ollamaUrl(), host).ifPresent(extra::add);
    extra.addAll(StackServices.notes(spec));
    return extra.isEmpty() ? plan : plan.withWarnings(extra);
  }
}
