package dev.ollamastack.app.backup;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.ApplyListener;
import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.UpdateBackup;
import dev.ollamastack.backup.Manifest;
import dev.ollamastack.backup.ModelsMode;
import dev.ollamastack.backup.Sha256;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.lock.StackLock;
import dev.ollamastack.model.ImageRef;
import dev.ollamastack.model.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code update}'s backup of Open WebUI's volume before a new image migrates its database, when the
 * stack file has a {@code spec.backup} section: a regular {@code backup-<UTC time>/} in {@code
 * spec.backup.directory} holding that volume, the stack file, the lock as it was and the secrets,
 * plus the {@link UpdateRecord} that {@code rollback} reads.
 */
public final class PreUpdateBackup implements UpdateBackup {
  private static final Duration DIRECTORY_LOCK_WAIT = Duration.ofMinutes(2);

  private final AppContext ctx;
  private final PlatformResolver platforms;
  private final Clock clock;
  private final Duration readyTimeout;

  public PreUpdateBackup(
      AppContext ctx, PlatformResolver platforms, Clock clock, Duration readyTimeout) {
    this.ctx = ctx;
    this.platforms = platforms;
    this.clock = clock;
    this.readyTimeout = readyTimeout;
  }

  @Override
  public Optional<String> planned(PlannedStack planned, WebuiChange change) {
    if (!planned.spec().backup().configured()) {
      return Optional.empty();
    }
    return webuiVolume(planned)
        .map(
            v ->
                "first: back up volume "
                    + v.name()
                    + " to "
                    + directory(planned)
                    + " (webui is stopped for the copy; 'ollama-stack rollback' brings it back"
                    + " with the previous digests)");
  }

  @Override
  public void beforeUpdate(
      PlannedStack planned,
      DockerEngine engine,
      StackLock previous,
      WebuiChange change,
      ApplyListener listener) {
    if (change == null) {
      try {
        if (UpdateRecord.forget(planned.stateDir())) {
          listener.notice(
              "The previous update's rollback point is dropped: 'rollback' undoes only the last"
                  + " update, and this one takes no backup.");
        }
      } catch (IOException e) {
        throw ToolException.failed(
            "update: cannot remove the record of the previous update: " + e.getMessage(),
            "nothing was changed; fix the state directory's permissions, then update again");
      }
      return;
    }
    String description =
        "before update: "
            + change.reference()
            + " "
            + ImageRef.shortDigest(change.from())
            + " → "
            + ImageRef.shortDigest(change.to());
    listener.notice("Backing up webui's volume before the update (" + description + ")");
    BackupStack.Request req =
        new BackupStack.Request(
            planned.loaded().path(),
            null,
            Boolean.TRUE,
            ModelsMode.BLOBS,
            false,
            description,
            false,
            DIRECTORY_LOCK_WAIT,
            readyTimeout);
    BackupOutcome outcome = null;
    try {
      outcome =
          new BackupStack(ctx, platforms, clock)
              .webuiOnly(planned, engine, req, new Steps(listener));
      byte[] manifest = Files.readAllBytes(outcome.path().resolve(Manifest.FILE));
      new UpdateRecord(
              clock.instant(),
              outcome.path(),
              Sha256.of(manifest),
              change.reference(),
              change.from(),
              change.to(),
              previous)
          .write(planned.stateDir());
    } catch (IOException | RuntimeException e) {
      if (outcome != null) {
        startWebuiAgain(planned, engine);
      }
      throw ToolException.failed(
          "update: the backup of webui's volume before the update failed: " + e.getMessage(),
          "nothing was updated: the lock is unchanged and webui runs as before; fix the cause"
              + " (disk space of "
              + directory(planned)
              + "), then run 'ollama-stack update' again");
    }
    listener.notice(
        "Backed up webui's volume to "
            + outcome.path()
            + "; 'ollama-stack rollback' undoes this update.");
  }

  /** The backup left webui stopped for the recreate that now does not come. */
  private static void startWebuiAgain(PlannedStack planned, DockerEngine engine) {
    String name = dev.ollamastack.model.Component.WEBUI.containerName(planned.spec().name());
    planned.observed().containers().stream()
        .filter(c -> c.name().equals(name) && c.running())
        .findFirst()
        .ifPresent(c -> engine.startContainer(c.id()));
  }

  private Optional<StackVolume> webuiVolume(PlannedStack planned) {
    return StackVolume.existing(planned).stream().filter(v -> v.role().equals("webui")).findFirst();
  }

  private Path directory(PlannedStack planned) {
    return BackupStack.directory(
        ctx.cwd(), planned.loaded(), null, planned.spec().backup().directory());
  }

  /** The backup's steps as notices of the update; bytes are not shown. */
  private record Steps(ApplyListener listener) implements DataListener {
    @Override
    public void step(String what) {
      listener.notice("  " + what);
    }

    @Override
    public void warning(String message) {
      listener.warning(message);
    }
  }
}
