package dev.ollamastack.app;

import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.model.Platform;
import dev.ollamastack.plan.Overrides;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code update --check}: asks each selected image's registry which digest its tag points at now
 * and compares it with what is pinned (or runs), without pulling and without changing anything. For
 * cron: any newer digest makes {@link Report#newer()} true (exit 2).
 */
public final class UpdateCheck {
  /** Where an image stands. */
  public enum Status {
    /** The registry has the digest that is pinned (or runs). */
    UP_TO_DATE,
    /** The registry's tag points at another digest: {@code update} would move to it. */
    NEWER,
    /** Nothing pins or runs it yet: {@code update} (or {@code apply}) would pin the registry's. */
    NOT_PINNED,
    /** Built or loaded locally, never pulled: there is no registry to ask. */
    LOCAL_ONLY
  }

  /**
   * One image.
   *
   * @param current pinned (or running) digest, or {@code null}
   * @param latest the registry's digest now, or {@code null} for {@link Status#LOCAL_ONLY}
   */
  public record ImageStatus(
      String reference, List<String> services, String current, String latest, Status status) {}

  /** What the check found. */
  public record Report(
      String installation, Path lockFile, List<ImageStatus> images, List<String> notes) {
    /** Whether {@code update} would change something (exit 2). */
    public boolean newer() {
      return images.stream()
          .anyMatch(i -> i.status() == Status.NEWER || i.status() == Status.NOT_PINNED);
    }
  }

  private final AppContext ctx;
  private final PlatformResolver platforms;

  public UpdateCheck(AppContext ctx, PlatformResolver platforms) {
    this.ctx = ctx;
    this.platforms = platforms;
  }

  /** Resolve failures are exit 1, naming the image and the registry's error. */
  public Report run(Path file, Platform platform, Set<String> services, boolean models) {
    Reconciler reconciler = new Reconciler(ctx, platforms);
    LoadedStack loaded = reconciler.load(file);
    try (DockerEngine engine = ctx.engines().connect()) {
      PlannedStack planned =
          reconciler.plan(loaded, new PlanRequest(file, platform, Overrides.NONE, false), engine);
      List<ImageStatus> images = new ArrayList<>();
      for (UpdateTargets.Target t : UpdateTargets.of(planned, services)) {
        images.add(status(engine, t));
      }
      List<String> notes = new ArrayList<>();
      if (models && !planned.desired().models().isEmpty()) {
        notes.add(
            "models are not checked: Ollama can only tell whether a model changed by pulling it;"
                + " 'ollama-stack update --models' pulls what changed");
      }
      return new Report(planned.spec().name(), planned.lockFile(), images, notes);
    }
  }

  private static ImageStatus status(DockerEngine engine, UpdateTargets.Target t) {
    if (t.localOnly()) {
      return new ImageStatus(t.reference(), t.services(), null, null, Status.LOCAL_ONLY);
    }
    String latest;
    try {
      latest = engine.registryDigest(t.reference());
    } catch (EngineException e) {
      throw UpdateIntent.failed(t.reference(), e.getMessage());
    }
    Status s =
        t.current() == null
            ? Status.NOT_PINNED
            : t.current().equals(latest) ? Status.UP_TO_DATE : Status.NEWER;
    return new ImageStatus(t.reference(), t.services(), t.current(), latest, s);
  }
}
