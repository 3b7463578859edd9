package dev.ollamastack.app.backup;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.ApplyStack;
import dev.ollamastack.app.Confirmation;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.backup.BackupVisitor;
import dev.ollamastack.backup.Manifest;
import dev.ollamastack.backup.VolumeAccess;
import dev.ollamastack.backup.VolumeRestore;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.model.VolumeSpec;
import dev.ollamastack.plan.Overrides;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out a confirmed restore: stage every volume beside its data and check it (services keep
 * running), then stop them, switch, write the stack file, lock and secrets, and apply. Anything
 * that fails before the first switch removes the staging and leaves every volume as it was.
 */
final class RestoreRun {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final AppContext ctx;
  private final PlatformResolver platforms;
  private final DockerEngine engine;
  private final RestorePreparation prep;
  private final RestoreStack.Request req;
  private final DataListener listener;
  private final dev.ollamastack.app.ApplyListener apply;
  private final List<String> warnings = new ArrayList<>();

  RestoreRun(
      AppContext ctx,
      PlatformResolver platforms,
      DockerEngine engine,
      RestorePreparation prep,
      RestoreStack.Request req,
      DataListener listener,
      dev.ollamastack.app.ApplyListener apply) {
    this.ctx = ctx;
    this.platforms = platforms;
    this.engine = engine;
    this.prep = prep;
    this.req = req;
    this.listener = listener;
    this.apply = apply;
  }

  RestoreOutcome run() {
    long t0 = System.nanoTime();
    Map<Manifest.Volume, VolumeRestore> restores = new LinkedHashMap<>();
    try (VolumeAccess access = new VolumeAccess(engine, prep.target.installation)) {
      access.removeLeftovers();
      for (String image : prep.pulls) {
        listener.step("pulling " + image + " (to write the volumes)");
        engine.pullImage(image, p -> listener.progress("pull " + image, p.current(), p.total()));
      }
      prep.steps.forEach(
          (v, s) ->
              restores.put(
                  v,
                  new VolumeRestore(
                      access, prep.stagingId, s.to(), s.image(), v.contentSha256(), this::warn)));
      stage(restores);
      long down = System.nanoTime();
      stopServices();
      List<String> switched = switchAll(restores);
      Path saved = writeFiles();
      listener.step("applying the restored stack");
      ApplyStack.Result applied =
          new ApplyStack(ctx, platforms)
              .run(
                  new ApplyStack.Request(
                      prep.target.applyFile,
                      null,
                      Overrides.NONE,
                      req.lockTimeout(),
                      req.readyTimeout(),
                      false,
                      false,
                      null),
                  Confirmation.ALWAYS,
                  apply);
      Duration downtime = prep.stop.isEmpty() ? null : Duration.ofNanos(System.nanoTime() - down);
      List<String> modelProblems = new ModelsAgain(prep).pull(applied, listener);
      long bytes = restores.values().stream().mapToLong(VolumeRestore::bytes).sum();
      return new RestoreOutcome(
          switched,
          bytes,
          Duration.ofNanos(System.nanoTime() - t0),
          downtime,
          saved,
          applied,
          modelProblems,
          warnings);
    }
  }

  /** Stages and checks every volume; on any failure removes all staging: nothing changed. */
  private void stage(Map<Manifest.Volume, VolumeRestore> restores) {
    if (restores.isEmpty()) {
      return;
    }
    try {
      createMissingVolumes();
      for (VolumeRestore r : restores.values()) {
        listener.step("preparing volume " + r.volume());
        r.prepare();
      }
      prep.verified.source().visit(new Staging(restores));
      for (VolumeRestore r : restores.values()) {
        listener.step("checking what Docker wrote into " + r.volume());
        r.verify();
      }
    } catch (IOException | RuntimeException e) {
      for (VolumeRestore r : restores.values()) {
        try {
          r.discard();
        } catch (RuntimeException cleanup) {
          warn("could not remove the staged data of " + r.volume() + ": " + cleanup.getMessage());
        }
      }
      if (e instanceof ToolException t
          && t.exitCode() == dev.ollamastack.model.ExitCode.INVALID_INPUT) {
        throw t; // the backup changed since it was checked
      }
      throw ToolException.failed(
          "restore failed before anything was replaced: " + e.getMessage(),
          "every volume still holds its previous data; fix the cause (disk space, Docker), then"
              + " run the same restore again");
    }
  }

  private void createMissingVolumes() {
    prep.steps.forEach(
        (v, s) -> {
          if (!s.exists()) {
            VolumeSpec spec =
                prep.planned.desired().volumes().stream()
                    .filter(d -> d.name().equals(s.to()))
                    .findFirst()
                    .orElse(
                        new VolumeSpec(
                            s.to(),
                            Map.of(
                                Labels.INSTALLATION,
                                prep.target.installation,
                                Labels.MANAGED_BY,
                                Labels.MANAGED_BY_VALUE)));
            listener.step("creating volume " + s.to());
            engine.createVolume(spec);
          }
        });
  }

  private void stopServices() {
    for (ObservedContainer c : prep.stop) {
      listener.step("stopping " + c.name());
      engine.stopContainer(c.id(), STOP_TIMEOUT);
    }
  }

  private List<String> switchAll(Map<Manifest.Volume, VolumeRestore> restores) {
    List<String> switched = new ArrayList<>();
    for (Map.Entry<Manifest.Volume, VolumeRestore> e : restores.entrySet()) {
      listener.step("switching " + e.getValue().volume() + " to the restored data");
      try {
        e.getValue().switchIn(e.getKey().root());
      } catch (RuntimeException ex) {
        throw ToolException.failed(
            "switching "
                + e.getValue().volume()
                + " failed: "
                + ex.getMessage()
                + (switched.isEmpty()
                    ? ""
                    : " (already restored: " + String.join(", ", switched) + ")"),
            "run the same restore again: it finishes an interrupted switch first");
      }
      switched.add(e.getValue().volume());
    }
    return switched;
  }

  /** The stack file (the previous one kept), lock file and secrets; returns where it was kept. */
  private Path writeFiles() {
    RestoreTarget t = prep.target;
    try {
      Path saved = null;
      if (prep.replacesStackFile()) {
        saved = prep.savedAs;
        Files.copy(t.stackFile, saved, StandardCopyOption.COPY_ATTRIBUTES);
      }
      if (t.writesStackFile) {
        Files.createDirectories(t.stackFile.getParent());
        BackupFiles.writeBytes(t.stackFile, t.stackBytes, false);
      }
      if (t.lock != null) {
        Files.createDirectories(t.lockFile.getParent());
        BackupFiles.writeBytes(t.lockFile, t.lock, false);
      }
      if (t.secrets != null) {
        Path secrets = new StatePaths(ctx.stateHome()).secretsFile(t.installation);
        BackupFiles.writeBytes(secrets, t.secrets, true);
      }
      return saved;
    } catch (IOException e) {
      throw ToolException.failed(
          "the volumes are restored, but writing the stack file or secrets failed: "
              + e.getMessage(),
          "fix the cause, then run the same restore again");
    }
  }

  private void warn(String w) {
    warnings.add(w);
    listener.warning(w);
  }

  /** Streams the backup into the staged volumes. */
  private final class Staging implements BackupVisitor {
    private final Map<Manifest.Volume, VolumeRestore> restores;

    Staging(Map<Manifest.Volume, VolumeRestore> restores) {
      this.restores = restores;
    }

    @Override
    public void file(Manifest.FileEntry file, InputStream in) {}

    @Override
    public void blob(String sha256, long size, InputStream in) throws IOException {
      for (var e : restores.entrySet()) {
        for (Manifest.Blob b : e.getKey().blobs()) {
          if (b.sha256().equals(sha256)) {
            String task = "volume " + e.getValue().volume();
            e.getValue().blob(b, in, progress(task, e.getKey()));
            return;
          }
        }
      }
    }

    @Override
    public void volume(Manifest.Volume volume, InputStream archive) throws IOException {
      VolumeRestore r = restores.get(volume);
      if (r != null) {
        listener.step("writing volume " + r.volume() + " beside its current data");
        r.archive(archive, progress("volume " + r.volume(), volume));
        listener.finished("volume " + r.volume());
      }
    }

    private final Map<String, long[]> done = new java.util.HashMap<>();

    private java.util.function.LongConsumer progress(String task, Manifest.Volume v) {
      long[] d = done.computeIfAbsent(task, k -> new long[1]);
      return n -> listener.progress(task, d[0] += n, v.bytes());
    }
  }
}
