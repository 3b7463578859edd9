package dev.ollamastack.app;

import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.SecretStore;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.lock.LockFile;
import dev.ollamastack.lock.StackLock;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.GpuAccess;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.RenderedFile;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.model.ToolVersion;
import dev.ollamastack.plan.export.Exported;
import dev.ollamastack.plan.export.RenderFormat;
import dev.ollamastack.plan.export.StackExport;
import dev.ollamastack.plan.render.PlatformDefaults;
import dev.ollamastack.plan.render.StackRenderer;
import java.nio.file.Path;

/**
 * Intent {@code render}: the desired state {@code apply} would converge to, as a Compose file, a
 * {@code docker stack deploy} file or Kubernetes manifests. Never contacts Docker. Like apply it
 * generates the stack's secrets once (so a render and an apply share them) and, for Compose and
 * Swarm, writes the files the containers mount (mcpo's config) where apply writes them.
 */
public final class RenderStack {
  /** No limit is clamped to this machine's CPUs: the render may run somewhere else. */
  private static final int UNCLAMPED_CPUS = Integer.MAX_VALUE;

  /**
   * A render.
   *
   * @param secretsFile the installation's secrets file, which the render refers to
   */
  public record Rendered(LoadedStack loaded, Exported exported, Path secretsFile) {}

  private final AppContext ctx;

  public RenderStack(AppContext ctx) {
    this.ctx = ctx;
  }

  /**
   * @param file {@code -f}, or null for the usual lookup
   * @param platform {@code --platform}, or null for the stack file's ({@code auto} is detected on
   *     this machine)
   */
  public Rendered run(Path file, Platform platform, RenderFormat format, boolean includeSecrets) {
    LoadedStack loaded = new Reconciler(ctx, new PlatformResolver(ctx.host())).load(file);
    PlatformChoice choice = new PlatformResolver(ctx.host()).resolve(loaded.spec(), platform);
    StackSpec spec = PlatformDefaults.apply(loaded.spec().withPlatform(choice.platform()));
    Path stateDir = new StatePaths(ctx.stateHome()).dir(spec.name());
    SecretStore store = new SecretStore(ctx.stateHome());
    Secrets base = store.loadOrCreate(spec.name());
    Secrets secrets =
        new Secrets(base.webuiSecretKey(), base.mcpoApiKey(), store.others(spec.name()));
    StackLock lock =
        LockFile.read(LockFile.pathFor(loaded.path(), stateDir)).orElse(StackLock.EMPTY);
    // A device request, not CDI: that is what Compose and Swarm can say.
    DesiredState desired =
        new StackRenderer(ToolVersion.get(), GpuAccess.DEVICE_REQUEST)
            .render(spec, secrets, UNCLAMPED_CPUS, stateDir.toString())
            .pinned(lock.images());
    if (format != RenderFormat.KUBERNETES) {
      for (RenderedFile f : desired.files()) {
        createParent(Path.of(f.hostPath()));
        StatePaths.writeAtomically(Path.of(f.hostPath()), f.content(), StatePaths.PRIVATE_FILE);
      }
    }
    Path secretsFile = store.file(spec.name());
    return new Rendered(
        loaded,
        StackExport.render(desired, format, secrets, includeSecrets, secretsFile.toString()),
        secretsFile);
  }

  private static void createParent(Path file) {
    try {
      java.nio.file.Files.createDirectories(file.getParent());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + file.getParent(), e);
    }
  }
}
