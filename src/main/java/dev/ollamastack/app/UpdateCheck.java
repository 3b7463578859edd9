package dev.ollamastack.app;

import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.model.ModelNames;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.model.Platform;
import dev.ollamastack.plan.Overrides;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code update --check}: asks each selected image's registry which digest its tag points at now
 * and compares it with what is pinned (or runs), and each listed model's registry which manifest
 * its tag points at against what Ollama has, without pulling and without changing anything. For
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
    LOCAL_ONLY,
    /** A model's registry could not be asked (its error is in the status); exit code unchanged. */
    UNREACHABLE
  }

  /**
   * One image.
   *
   * @param current pinned (or running) digest, or {@code null}
   * @param latest the registry's digest now, or {@code null} for {@link Status#LOCAL_ONLY}
   */
  public record ImageStatus(
      String reference, List<String> services, String current, String latest, Status status) {}

  /**
   * One model of the stack.
   *
   * @param current the digest Ollama reports for it ({@code /api/tags}), else the lock's pin, else
   *     {@code null} (not pulled yet: {@link Status#NOT_PINNED})
   * @param latest the digest of the manifest its registry serves now, or {@code null}
   * @param error why the registry could not be asked ({@link Status#UNREACHABLE}), else {@code
   *     null}
   */
  public record ModelStatus(
      String name, String current, String latest, Status status, String error) {}

  /** What the check found. */
  public record Report(
      String installation,
      Path lockFile,
      List<ImageStatus> images,
      List<ModelStatus> models,
      List<String> notes) {
    /**
     * Whether {@code update} would change something (exit 2): an image with a newer or no pin, a
     * model whose registry has a newer manifest. An unreachable model registry does not count.
     */
    public boolean newer() {
      return images.stream()
              .anyMatch(i -> i.status() == Status.NEWER || i.status() == Status.NOT_PINNED)
          || models.stream().anyMatch(m -> m.status() == Status.NEWER);
    }
  }

  private final AppContext ctx;
  private final PlatformResolver platforms;
  private final ModelDigests registries;

  public UpdateCheck(AppContext ctx, PlatformResolver platforms) {
    this(ctx, platforms, ModelDigests.registries());
  }

  public UpdateCheck(AppContext ctx, PlatformResolver platforms, ModelDigests registries) {
    this.ctx = ctx;
    this.platforms = platforms;
    this.registries = registries;
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
      List<ModelStatus> modelStates =
          services.isEmpty()
                  || services.contains(dev.ollamastack.model.Component.OLLAMA.serviceName())
              ? models(planned, registries)
              : List.of();
      return new Report(planned.spec().name(), planned.lockFile(), images, modelStates, List.of());
    }
  }

  /**
   * Each listed model: the manifest digest its registry serves now against what Ollama reports for
   * the local copy (the lock's pin when Ollama does not answer).
   */
  static List<ModelStatus> models(PlannedStack planned, ModelDigests registry) {
    List<ModelStatus> out = new ArrayList<>();
    for (String m : planned.desired().models().stream().distinct().sorted().toList()) {
      String current =
          planned.observed().models() == null
              ? null
              : planned.observed().models().stream()
                  .filter(o -> ModelNames.same(o.name(), m))
                  .map(ObservedModel::digest)
                  .filter(d -> d != null && !d.isBlank())
                  .findFirst()
                  .orElse(null);
      if (current == null) {
        current = planned.lock().models().get(m);
      }
      current = current == null ? null : withPrefix(current);
      String latest;
      try {
        latest = registry.latest(m);
      } catch (java.io.IOException e) {
        out.add(new ModelStatus(m, current, null, Status.UNREACHABLE, e.getMessage()));
        continue;
      }
      Status s =
          current == null
              ? Status.NOT_PINNED
              : current.equals(latest) ? Status.UP_TO_DATE : Status.NEWER;
      out.add(new ModelStatus(m, current, latest, s, null));
    }
    return out;
  }

  /** Ollama reports a bare hex digest, registries {@code sha256:<hex>}. */
  private static String withPrefix(String digest) {
    return digest.startsWith("sha256:") ? digest : "sha256:" + digest;
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
