package dev.ollamastack.app.check;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.EndToEndScope;
import dev.ollamastack.app.PlanRequest;
import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.Reconciler;
import dev.ollamastack.app.host.HostProbe;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.engine.EngineUnavailableException;
import dev.ollamastack.engine.NotAnEngineException;
import dev.ollamastack.health.EndToEnd;
import dev.ollamastack.health.EndToEndCheck;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.plan.Overrides;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code check} intent: an environment report that never stops at the first problem. Docker
 * down is a failed item (with the host and a hint), not an exit 4: this is the diagnostic tool. The
 * machine looked at is the context's {@link AppContext#host()}.
 */
public final class EnvironmentChecker {
  static final String END_TO_END = "end-to-end";
  private final AppContext ctx;
  private final HostProbe host;
  private final PlatformResolver platforms;

  public EnvironmentChecker(AppContext ctx) {
    this.ctx = ctx;
    this.host = ctx.host();
    this.platforms = new PlatformResolver(host);
  }

  /** Checks against the stack file {@code file} ({@code null}: the default lookup). */
  public CheckReport check(Path file) {
    return checkWith(() -> new Reconciler(ctx, platforms).load(file));
  }

  /** Checks against the stack {@code load} returns; a {@link ToolException} is a failed item. */
  public CheckReport checkWith(Supplier<LoadedStack> load) {
    List<CheckItem> items = new ArrayList<>();
    LoadedStack loaded = null;
    try {
      loaded = load.get();
      items.add(
          CheckItem.pass(
              "stack file",
              loaded.displayName() + " is valid (installation " + loaded.spec().name() + ")"));
    } catch (ToolException e) {
      items.add(CheckItem.fail("stack file", e.getMessage(), e.hint()));
    }
    EngineInfo info = null;
    List<ObservedContainer> containers = null;
    List<CheckItem> endToEnd = List.of();
    try (DockerEngine engine = ctx.engines().connect()) {
      info = engine.info();
      containers = engine.listContainers(new HashMap<>());
      items.add(CheckItem.pass("docker", "Docker " + info.serverVersion() + " at " + info.where()));
      items.addAll(DockerChecks.of(info, host));
      if (loaded != null) {
        endToEnd = endToEnd(loaded, engine);
      }
    } catch (NotAnEngineException e) {
      items.add(
          CheckItem.fail(
              "docker",
              e.getMessage(),
              "point DOCKER_HOST (or the Docker context) at the engine itself, e.g."
                  + " unix:///var/run/docker.sock"));
    } catch (EngineUnavailableException e) {
      items.add(
          CheckItem.fail(
              "docker",
              "cannot reach Docker at " + e.where(),
              "start Docker (e.g. 'sudo systemctl start docker'), or point DOCKER_HOST at a"
                  + " running engine; check you may use it ('docker info')"));
    } catch (ToolException e) {
      // An unusable Docker context: its message names the file, its hint the way out.
      items.add(CheckItem.fail("docker", e.getMessage(), e.hint()));
    } catch (RuntimeException e) {
      items.add(
          CheckItem.fail(
              "docker", "Docker failed: " + e.getMessage(), "run 'docker info' to see why"));
    }
    if (loaded != null) {
      StackSpec spec = loaded.spec();
      items.addAll(PlatformChecks.of(spec, platforms.resolve(spec, null), info, host));
      items.addAll(PortChecks.of(spec, containers, host));
      items.add(secrets(spec.name()));
      items.addAll(endToEnd);
    }
    return CheckReport.of(items);
  }

  /**
   * The end-to-end checks of the installation as it runs now (docs/end-to-end.md), planned like
   * {@code status} plans (no secrets created); a stack with nothing running is one skipped item.
   */
  private List<CheckItem> endToEnd(LoadedStack loaded, DockerEngine engine) {
    if (ctx.endToEnd() == EndToEnd.NONE) {
      return List.of();
    }
    PlannedStack p;
    try {
      p =
          new Reconciler(ctx, platforms)
              .plan(loaded, new PlanRequest(loaded.path(), null, Overrides.NONE, false), engine);
    } catch (EngineUnavailableException e) {
      throw e;
    } catch (ToolException e) {
      return List.of(CheckItem.warn(END_TO_END, "not checked: " + e.getMessage(), e.hint()));
    } catch (RuntimeException e) {
      return List.of(CheckItem.warn(END_TO_END, "not checked: " + e.getMessage(), null));
    }
    if (p.observed().containers().stream().noneMatch(ObservedContainer::running)) {
      return List.of(
          CheckItem.skip(END_TO_END, "the stack is not running: 'ollama-stack apply' starts it"));
    }
    return ctx
        .endToEnd()
        .run(EndToEndScope.targets(p, p.observed(), host), engine, EndToEnd.Budget.CHECK)
        .stream()
        .map(EnvironmentChecker::item)
        .toList();
  }

  static CheckItem item(EndToEndCheck c) {
    CheckStatus status =
        switch (c.status()) {
          case PASS -> CheckStatus.PASS;
          case WARN -> CheckStatus.WARN;
          case FAIL -> CheckStatus.FAIL;
          case SKIP -> CheckStatus.SKIP;
        };
    return new CheckItem(c.name(), status, c.detail(), c.hint());
  }

  private CheckItem secrets(String installation) {
    Path file = ctx.stateHome().resolve(installation).resolve("secrets.env");
    if (!host.exists(file)) {
      return CheckItem.warn("secrets", file + " absent: created on first apply", null);
    }
    Set<PosixFilePermission> perms = host.permissions(file).orElse(null);
    if (perms == null) {
      return CheckItem.pass("secrets", file + " present (permissions not checkable here)");
    }
    if (!perms.equals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))) {
      return CheckItem.fail(
          "secrets",
          file
              + " has mode "
              + java.nio.file.attribute.PosixFilePermissions.toString(perms)
              + ": others may read the secrets",
          "run 'chmod 600 " + file + "'");
    }
    return CheckItem.pass("secrets", file + " present, mode 0600");
  }
}
