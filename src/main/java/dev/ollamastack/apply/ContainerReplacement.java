package dev.ollamastack.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ReadinessProbe;
import dev.ollamastack.model.RenderedFile;
import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.ContainerNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A recreate that never loses a working service. The old container is stopped first (two Open
 * WebUIs on one database, or two Ollamas on one model store, never run at once) and set aside under
 * {@code <name>-old-<id>}, keeping its labels so an interrupted apply's next run finds it; it is
 * removed only once the new one is ready. When the new one cannot be created, started or made
 * ready, the new one is removed, the rendered files are put back, and the old one gets its name
 * back and runs again if it ran before.
 */
final class ContainerReplacement {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DockerEngine engine;
  private final DockerActionRunner runner;

  ContainerReplacement(DockerEngine engine, DockerActionRunner runner) {
    this.engine = engine;
    this.runner = runner;
  }

  Outcome run(Action.RecreateContainer r, ActionRunner.Progress progress) throws IOException {
    ContainerSpec spec = r.spec();
    Optional<ObservedContainer> found =
        r.oldId() == null ? Optional.empty() : engine.inspectContainer(r.oldId());
    if (found.isEmpty()) {
      // Removed meanwhile: nothing to keep, only the new one to make.
      DockerActionRunner.writeFiles(r.files());
      String id = runner.create(spec);
      engine.startContainer(id);
      return runner.waitReady(spec, id, progress, "created");
    }
    ObservedContainer old = found.get();
    boolean wasUp = old.alive();
    if (wasUp) {
      progress.report("stopping the old container", 0, 0);
      engine.stopContainer(old.id(), DockerActionRunner.STOP_TIMEOUT);
    }
    String aside = ContainerNames.aside(spec.name(), old.id());
    if (!old.name().equals(aside)) {
      engine.renameContainer(old.id(), aside);
    }
    Map<Path, Optional<String>> previousFiles = read(r);
    String newId = null;
    Outcome outcome;
    try {
      DockerActionRunner.writeFiles(r.files());
      newId = runner.create(spec);
      engine.startContainer(newId);
      outcome = runner.waitReady(spec, newId, progress, "recreated");
    } catch (EngineException | IOException e) {
      outcome =
          new Outcome.Failed((e instanceof EngineException ? "Docker: " : "") + e.getMessage());
    }
    if (outcome instanceof Outcome.Failed failed) {
      return rollBack(spec, old, wasUp, newId, previousFiles, failed.error(), progress);
    }
    runner.removeQuietly(old.id());
    return outcome;
  }

  private Outcome rollBack(
      ContainerSpec spec,
      ObservedContainer old,
      boolean wasUp,
      String newId,
      Map<Path, Optional<String>> previousFiles,
      String cause,
      ActionRunner.Progress progress) {
    progress.report("the new container failed: restoring the previous one", 0, 0);
    // Its own name, unless it was found under one set aside: then the one it stands for.
    String name = old.name().startsWith(spec.name()) ? spec.name() : old.name();
    try {
      if (newId != null) {
        runner.removeQuietly(newId);
      }
      restore(previousFiles);
      engine.renameContainer(old.id(), name);
      if (wasUp) {
        engine.startContainer(old.id());
      }
    } catch (EngineException | IOException e) {
      return new Outcome.Failed(
          cause
              + "; restoring the previous container failed too ("
              + e.getMessage()
              + "): it is kept, stopped; run 'ollama-stack apply' again");
    }
    if (wasUp) {
      // Back only once it serves again: apply returns with the service up, as it found it.
      Outcome back =
          runner.waitReady(restoredProbe(spec, previousFiles), old.id(), progress, "restored");
      if (back instanceof Outcome.Failed f) {
        return new Outcome.Failed(
            cause
                + "; the previous container "
                + name
                + " was restored but is not ready either: "
                + f.error());
      }
    }
    return new Outcome.Failed(
        cause
            + "; the previous container "
            + name
            + (wasUp ? " was restored and runs again" : " was restored, stopped as it was"));
  }

  /**
   * What the restored container is waited for: the new spec's probe, but of the OpenAPI documents
   * (mcpo: one per MCP server) only those of servers the restored config file names, since the
   * previous container serves what it was configured with, not what failed to come up.
   */
  static ContainerSpec restoredProbe(ContainerSpec spec, Map<Path, Optional<String>> files) {
    ReadinessProbe probe = spec.probe();
    if (probe == null || probe.openApiSpecs().isEmpty()) {
      return spec;
    }
    Set<String> served = new HashSet<>();
    for (Optional<String> content : files.values()) {
      content.ifPresent(
          text -> {
            try {
              JSON.readTree(text).path("mcpServers").fieldNames().forEachRemaining(served::add);
            } catch (IOException e) {
              // not mcpo's config: names no server
            }
          });
    }
    List<String> kept =
        probe.openApiSpecs().stream()
            .filter(path -> served.stream().anyMatch(n -> path.equals("/" + n + "/openapi.json")))
            .toList();
    return spec.toBuilder().probe(new ReadinessProbe(probe.httpPath(), kept)).build();
  }

  private static Map<Path, Optional<String>> read(Action.RecreateContainer r) throws IOException {
    Map<Path, Optional<String>> out = new LinkedHashMap<>();
    for (RenderedFile f : r.files()) {
      Path p = Path.of(f.hostPath());
      out.put(
          p,
          Files.isRegularFile(p)
              ? Optional.of(Files.readString(p, StandardCharsets.UTF_8))
              : Optional.empty());
    }
    return out;
  }

  private static void restore(Map<Path, Optional<String>> files) throws IOException {
    for (Map.Entry<Path, Optional<String>> e : files.entrySet()) {
      if (e.getValue().isPresent()) {
        DockerActionRunner.writeAtomically(e.getKey(), e.getValue().get());
      }
    }
  }
}
