package dev.ollamastack.apply;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.health.HttpProbe;
import dev.ollamastack.health.OllamaClient;
import dev.ollamastack.health.ReadinessWaiter;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.RenderedFile;
import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.ContainerRepair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/** Runs actions against a Docker engine and Ollama's API. */
public final class DockerActionRunner implements ActionRunner {
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final DockerEngine engine;
  private final ReadinessWaiter waiter;
  private final Duration readyTimeout;
  private final SwarmActions swarm;

  public DockerActionRunner(DockerEngine engine, Duration readyTimeout) {
    this(engine, ReadinessWaiter.endpointCheck(new HttpProbe()), readyTimeout);
  }

  public DockerActionRunner(
      DockerEngine engine, ReadinessWaiter.ReadyCheck check, Duration readyTimeout) {
    this.engine = engine;
    this.waiter = new ReadinessWaiter(engine, check);
    this.readyTimeout = readyTimeout;
    this.swarm = new SwarmActions(engine, waiter, readyTimeout);
  }

  @Override
  public Outcome run(Action action, Progress progress) {
    try {
      return switch (action) {
        case Action.CreateNetwork n -> {
          engine.createNetwork(n.spec());
          yield done("created");
        }
        case Action.CreateVolume v -> {
          engine.createVolume(v.spec());
          yield done("created");
        }
        case Action.PullImage p -> {
          LayerTotals totals = new LayerTotals();
          engine.pullImage(p.pullReference(), e -> totals.accept(e, progress));
          yield done(p.digest() == null ? "pulled" : "pulled " + p.digest());
        }
        case Action.CreateContainer c -> createAndWait(c.spec(), c.files(), progress);
        case Action.RecreateContainer r -> new ContainerReplacement(engine, this).run(r, progress);
        case Action.StartContainer s -> {
          engine.startContainer(s.id());
          yield waitReady(s.spec(), s.id(), progress, "started");
        }
        case Action.RepairContainer r -> repair(r, progress);
        case Action.RemoveContainer r -> {
          removeQuietly(r.id());
          yield done("removed");
        }
        case Action.RemoveNetwork n -> removeNetwork(n);
        case Action.RemoveVolume v -> {
          engine.removeVolume(v.volumeName());
          yield done("removed");
        }
        case Action.RemoveImage i -> removeImage(i);
        case Action.RemoveConfig c -> {
          StateDirectoryRemoval.remove(Path.of(c.path()), c.kept().stream().map(Path::of).toList());
          yield done(c.kept().isEmpty() ? "removed" : "removed, kept " + c.kept());
        }
        case Action.PullModel m -> pullModel(m, progress);
        case Action.PreloadModel p -> ModelPreload.run(p, progress);
        case Action.DeleteModel d -> {
          boolean deleted = new OllamaClient(d.ollamaUrl()).delete(d.model());
          yield done(deleted ? "deleted" : "already absent");
        }
        case Action.UpdateToolServers u -> ToolServersUpdate.run(u);
        case Action.CreateService c -> swarm.create(c, progress);
        case Action.UpdateService u -> swarm.update(u, progress);
        case Action.ScaleService sc -> swarm.scale(sc, progress);
        case Action.RemoveService r -> swarm.remove(r);
        case Action.CreateSwarmFile f -> swarm.createFile(f);
        case Action.RemoveSwarmFile f -> swarm.removeFile(f);
      };
    } catch (IOException e) {
      return new Outcome.Failed(e.getMessage());
    } catch (EngineException e) {
      return new Outcome.Failed("Docker: " + e.getMessage());
    }
  }

  private Outcome createAndWait(ContainerSpec spec, List<RenderedFile> files, Progress progress)
      throws IOException {
    writeFiles(files);
    String id = create(spec);
    engine.startContainer(id);
    return waitReady(spec, id, progress, "created");
  }

  static void writeFiles(List<RenderedFile> files) throws IOException {
    for (RenderedFile f : files) {
      writeAtomically(Path.of(f.hostPath()), f.content());
    }
  }

  /** Creates the container; a name already taken is reported as such. */
  String create(ContainerSpec spec) {
    String id;
    try {
      id = engine.createContainer(spec);
    } catch (EngineException e) {
      if (!e.isConflict()) {
        throw e;
      }
      // Left behind by an apply killed between create and the label check: ours by name only
      // if it carries our installation label, which observe would have reported otherwise.
      throw new EngineException(
          "a container named " + spec.name() + " already exists; run 'ollama-stack plan' again",
          409,
          e);
    }
    return id;
  }

  /** The steps in order; readiness is awaited when one of them left it running. */
  private Outcome repair(Action.RepairContainer r, Progress progress) {
    String id = r.id();
    for (ContainerRepair step : r.repairs()) {
      progress.report(step.describe(), 0, 0);
      switch (step) {
        case ContainerRepair.Rename n -> engine.renameContainer(id, r.spec().name());
        case ContainerRepair.Connect c -> {
          if (c.reattach()) {
            try {
              engine.disconnectNetwork(c.network(), id, true);
            } catch (EngineException e) {
              // not attached under that name any more: connecting is all that is left to do
            }
          }
          engine.connectNetwork(c.network(), id, c.aliases());
        }
        case ContainerRepair.RestorePolicy p -> engine.updateRestartPolicy(id, p.policy());
        case ContainerRepair.Unpause u -> engine.unpauseContainer(id);
        case ContainerRepair.Start s -> engine.startContainer(id);
      }
    }
    if (r.repairs().stream().anyMatch(ContainerRepair::startsIt)) {
      return waitReady(r.spec(), id, progress, "repaired");
    }
    return done("repaired");
  }

  /** Ready means serving, and for webui with a native/external Ollama: reaching it. */
  Outcome waitReady(ContainerSpec spec, String id, Progress progress, String verb) {
    long t0 = System.nanoTime();
    try {
      waiter.await(spec, id, readyTimeout, msg -> progress.report(msg, 0, 0));
    } catch (ReadinessWaiter.NotReadyException e) {
      return new Outcome.Failed(e.getMessage());
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    String detail =
        verb + ", ready in " + String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    var url = OllamaReachability.urlToCheck(spec);
    if (url.isEmpty()) {
      return done(detail);
    }
    progress.report("checking that it reaches Ollama at " + url.get(), 0, 0);
    return switch (new OllamaReachability(engine).check(id, url.get())) {
      case OllamaReachability.Result.Reachable r -> done(detail + ", reaches Ollama at " + r.url());
      case OllamaReachability.Result.Unchecked u -> done(detail + " (" + u.why() + ")");
      case OllamaReachability.Result.Unreachable u -> new Outcome.Failed(u.message());
    };
  }

  private Outcome pullModel(Action.PullModel m, Progress progress) throws IOException {
    ModelPullProgress bytes = new ModelPullProgress(progress);
    new OllamaClient(m.ollamaUrl()).pull(m.model(), bytes::accept);
    return done("pulled");
  }

  /**
   * Removes a network. After Swarm services were removed, their endpoints may stay attached for a
   * moment (the Swarm releases them on its own time): then the removal waits for them to go, up to
   * the readiness timeout. Anything else attached (a container of another installation) fails at
   * once, with Docker's error.
   */
  private Outcome removeNetwork(Action.RemoveNetwork n) {
    boolean afterServices =
        n.dependsOn().stream()
            .anyMatch(k -> k.kind() == dev.ollamastack.model.ResourceKind.SERVICE);
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    while (true) {
      try {
        engine.removeNetwork(n.networkName());
        return done("removed");
      } catch (EngineException e) {
        boolean endpoints = e.getMessage() != null && e.getMessage().contains("active endpoints");
        if (!afterServices || !endpoints || System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while removing " + n.networkName(), e);
      }
    }
  }

  /** A reference already gone is what was asked; one still in use is a failure to report. */
  private Outcome removeImage(Action.RemoveImage i) {
    try {
      engine.removeImage(i.reference());
      return done("removed");
    } catch (EngineException e) {
      if (e.isNotFound()) {
        return done("already gone");
      }
      throw e;
    }
  }

  void removeQuietly(String id) {
    try {
      engine.stopContainer(id, STOP_TIMEOUT);
    } catch (EngineException e) {
      // best effort: a graceful stop first, the forced remove below ends it regardless
    }
    try {
      engine.removeContainer(id);
    } catch (EngineException e) {
      if (!e.isNotFound()) {
        throw e;
      }
    }
  }

  private static Outcome done(String detail) {
    return new Outcome.Done(detail);
  }

  static void writeAtomically(Path target, String content) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), ".tmp-", "");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
