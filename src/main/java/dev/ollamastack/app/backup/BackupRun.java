package dev.ollamastack.app.backup;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.backup.ArchiveSource;
import dev.ollamastack.backup.BackupArchive;
import dev.ollamastack.backup.BackupDirectory;
import dev.ollamastack.backup.BackupVerifier;
import dev.ollamastack.backup.BlobListing;
import dev.ollamastack.backup.BlobSide;
import dev.ollamastack.backup.DirectorySource;
import dev.ollamastack.backup.EntryMeta;
import dev.ollamastack.backup.Manifest;
import dev.ollamastack.backup.ManifestJson;
import dev.ollamastack.backup.ModelsMode;
import dev.ollamastack.backup.VolumeAccess;
import dev.ollamastack.backup.VolumeSnapshot;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.model.ToolVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Carries out a {@link BackupPlan}: files, volumes (webui paused), manifest, verify, retention. */
final class BackupRun {
  private final AppContext ctx;
  private final DockerEngine engine;
  private final PlannedStack planned;
  private final BackupPlan plan;
  private final BackupStack.Request req;
  private final DataListener listener;
  private final Clock clock;
  private final List<String> warnings = new ArrayList<>();
  private boolean resumeWebui = true;

  BackupRun(
      AppContext ctx,
      DockerEngine engine,
      PlannedStack planned,
      BackupPlan plan,
      BackupStack.Request req,
      DataListener listener,
      Clock clock) {
    this.ctx = ctx;
    this.engine = engine;
    this.planned = planned;
    this.plan = plan;
    this.req = req;
    this.listener = listener;
    this.clock = clock;
  }

  /** Open WebUI stays stopped after a backup that succeeded (it is recreated next). */
  BackupRun leaveWebuiStopped() {
    resumeWebui = false;
    return this;
  }

  BackupOutcome run() throws IOException {
    long t0 = System.nanoTime();
    Instant created = clock.instant();
    BackupDirectory dir = new BackupDirectory(plan.directory());
    dir.create();
    try (AutoCloseable dirLock = dir.lock(req.lockTimeout());
        VolumeAccess access = new VolumeAccess(engine, plan.installation())) {
      dir.removeIncomplete();
      access.removeLeftovers();
      String name = dir.newName(created);
      Path tmp = dir.incoming(name);
      List<Manifest.FileEntry> files =
          new ArrayList<>(BackupFiles.write(tmp, planned.loaded(), ctx.stateHome()));
      Volumes volumes = new Volumes(access, dir.store(), tmp);
      WebuiPause pause = new WebuiPause(engine, planned, req.readyTimeout(), listener);
      stopped = pause;
      List<StackVolume> chosen =
          StackVolume.existing(planned).stream()
              .filter(v -> plan.volumes().stream().anyMatch(p -> p.name().equals(v.name())))
              .toList();
      // Open WebUI is down only while its own volume is copied; the others are read after.
      if (plan.pauseWebui()) {
        pause.stop();
      }
      boolean copied = false;
      try {
        for (StackVolume v : chosen) {
          if (v.role().equals("webui")) {
            volumes.take(v);
          }
        }
        copied = true;
      } finally {
        if (resumeWebui || !copied) {
          pause.resume();
        }
      }
      for (StackVolume v : chosen) {
        if (!v.role().equals("webui")) {
          volumes.take(v);
        }
      }
      files.addAll(volumes.archives);
      Manifest m = manifest(created, files, volumes, pause.downtime());
      BackupFiles.writeBytes(tmp.resolve(Manifest.FILE), ManifestJson.write(m), false);
      listener.step("verifying the backup");
      BackupVerifier.verify(DirectorySource.open(tmp), false, n -> {}, warnings::add);
      Path result =
          plan.archive() ? archive(dir, tmp, name, m) : rename(tmp, dir.path().resolve(name));
      List<Path> pruned = dir.prune(plan.installation(), plan.keep());
      long freed = dir.collectGarbage().orElse(-1);
      long written =
          files.stream().mapToLong(Manifest.FileEntry::size).sum() + volumes.blobBytesWritten;
      return new BackupOutcome(
          result,
          volumes.volumeBytes,
          written,
          volumes.blobsWritten,
          volumes.blobBytesWritten,
          volumes.blobsReused,
          volumes.blobBytesReused,
          Duration.ofNanos(System.nanoTime() - t0),
          pause.downtime(),
          pause.problem(),
          pruned,
          freed,
          warnings);
    } catch (IOException | RuntimeException e) {
      resumeAfterFailure();
      throw e;
    } catch (Exception e) {
      resumeAfterFailure();
      throw new IOException(e);
    }
  }

  private WebuiPause stopped;

  /** A backup that failed never leaves Open WebUI stopped. */
  private void resumeAfterFailure() {
    if (stopped != null) {
      stopped.resume();
    }
  }

  private Manifest manifest(
      Instant created, List<Manifest.FileEntry> files, Volumes volumes, Duration downtime) {
    var spec = planned.loaded().spec();
    return new Manifest(
        Manifest.FORMAT,
        Manifest.FORMAT_VERSION,
        ToolVersion.get(),
        plan.installation(),
        created,
        req.description(),
        new Manifest.PlatformInfo(
            spec.platform().yamlName(),
            planned.platform().platform().yamlName(),
            ctx.host().osName(),
            ctx.host().osArch()),
        Images.of(engine, planned),
        java.util.Map.of(),
        new Manifest.Models(volumes.hasOllama ? plan.models().label() : "none", volumes.models),
        Manifest.STORE_BESIDE,
        new Manifest.StackFile(
            BackupFiles.STACK,
            planned.loaded().displayName(),
            BackupFiles.matchesLastApply(planned.loaded(), ctx.stateHome())),
        files,
        volumes.records,
        downtime == null ? null : downtime.toMillis());
  }

  private Path archive(BackupDirectory dir, Path tmp, String name, Manifest m) throws IOException {
    Path incoming = dir.path().resolve("." + name + ".tar.gz.incomplete");
    listener.step("writing " + name + ".tar.gz");
    BackupArchive.pack(tmp, m, dir.store(), incoming, n -> {});
    Path target = dir.path().resolve(name + ".tar.gz");
    Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
    listener.step("verifying " + target.getFileName());
    try {
      BackupVerifier.verify(ArchiveSource.open(target), true, n -> {}, warnings::add);
    } catch (ToolException e) {
      Files.deleteIfExists(target);
      throw ToolException.failed(
          "the archive written did not verify: " + e.getMessage(),
          "check the disk of " + dir.path());
    }
    deleteTree(tmp);
    return target;
  }

  private static Path rename(Path tmp, Path target) throws IOException {
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }

  /** Reads the volumes one by one, sums what was written and reused. */
  private final class Volumes {
    final VolumeAccess access;
    final dev.ollamastack.backup.BlobStore store;
    final Path tmp;
    final List<Manifest.FileEntry> archives = new ArrayList<>();
    final List<Manifest.Volume> records = new ArrayList<>();
    final List<Manifest.ModelRef> models = new ArrayList<>();
    boolean hasOllama;
    long volumeBytes;
    long blobsWritten;
    long blobBytesWritten;
    long blobsReused;
    long blobBytesReused;

    Volumes(VolumeAccess access, dev.ollamastack.backup.BlobStore store, Path tmp) {
      this.access = access;
      this.store = store;
      this.tmp = tmp;
    }

    /**
     * Model blobs listed by a script and read one by one, each only when the store lacks it; empty
     * when the listing cannot be had (the whole directory is then read through).
     */
    private BlobSide blobSide(StackVolume v) {
      var listing = access.listBlobs(v.name(), v.image());
      if (listing.isEmpty()) {
        return null;
      }
      String plain = access.helper(v.name(), v.image());
      BlobListing l = listing.get();
      return new BlobSide() {
        @Override
        public EntryMeta directory() {
          return l.directory();
        }

        @Override
        public List<BlobSide.File> files() {
          return l.files();
        }

        @Override
        public InputStream open(String name) {
          return access.read(plain, "models/blobs/" + name);
        }
      };
    }

    void take(StackVolume v) throws IOException {
      if (v.image() == null) {
        throw ToolException.failed(
            "no image of the stack is on this host to read volume " + v.name() + " with",
            "run 'ollama-stack apply' first (it pulls the images), then back up again");
      }
      String archiveName = "volumes/" + v.name() + ".tar.gz";
      ModelsMode mode = v.role().equals("ollama") ? plan.models() : null;
      hasOllama |= mode != null;
      long total =
          plan.volumes().stream()
              .filter(p -> p.name().equals(v.name()) && p.bytes() != null)
              .mapToLong(BackupPlan.Volume::bytes)
              .sum();
      String task = "volume " + v.name();
      long[] done = {0};
      listener.step("reading " + task);
      BlobSide blobs = mode == null ? null : blobSide(v);
      String helper =
          blobs != null
              ? access.coveredHelper(v.name(), v.image())
              : access.helper(v.name(), v.image());
      VolumeSnapshot.Result r;
      try (InputStream in = access.read(helper, "")) {
        r =
            new VolumeSnapshot(
                    store,
                    n -> listener.progress(task, done[0] += n, total),
                    w -> {
                      warnings.add(w);
                      listener.warning(w);
                    })
                .take(
                    in,
                    new VolumeSnapshot.Options(
                        v.name(), v.role(), mode, tmp.resolve(archiveName), archiveName),
                    blobs);
      }
      listener.finished(task);
      archives.add(r.archive());
      records.add(r.volume());
      models.addAll(r.models());
      volumeBytes += r.volume().bytes();
      blobsWritten += r.blobsWritten();
      blobBytesWritten += r.blobBytesWritten();
      blobsReused += r.blobsReused();
      blobBytesReused += r.blobBytesReused();
    }
  }
}
