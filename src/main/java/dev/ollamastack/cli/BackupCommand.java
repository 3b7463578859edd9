package dev.ollamastack.cli;

import dev.ollamastack.app.backup.BackupOutcome;
import dev.ollamastack.app.backup.BackupStack;
import dev.ollamastack.backup.ModelsMode;
import dev.ollamastack.model.ExitCode;
import dev.ollamastack.plan.PlanText;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backup}: every volume, the stack file, lock and secrets, verified, with retention. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Back up the installation: every volume (models, chats, extension data), the stack file,"
          + " the lock file and the secrets, into backup-<UTC time>/ under spec.backup.directory.",
      "Model weights go once each into the shared blobs/ store beside the backups, so a second"
          + " backup of unchanged models writes none. Open WebUI is stopped for the copy of its"
          + " database and started again. Older backups beyond spec.backup.keep are removed once"
          + " the new one is verified."
    })
final class BackupCommand extends DataCommand implements Callable<Integer> {
  @Option(
      names = "--output",
      paramLabel = "DIR",
      description = "Where to write (default: spec.backup.directory).")
  Path output;

  @Option(names = "--no-volumes", description = "Only the stack file, lock and secrets.")
  boolean noVolumes;

  @Option(
      names = "--models",
      paramLabel = "MODE",
      defaultValue = "blobs",
      description =
          "blobs (default): model weights in the store; list: names and digests only, pulled again on restore.")
  ModelsMode models;

  @Option(names = "--archive", description = "Write one self-contained backup-<UTC time>.tar.gz.")
  boolean archive;

  @Option(names = "--description", paramLabel = "TEXT", description = "Kept in the manifest.")
  String description;

  @Option(names = "--dry-run", description = "Show the plan only.")
  boolean dryRun;

  @Override
  public Integer call() {
    BackupStack.Result r =
        new BackupStack(context(), platforms(), Clock.systemUTC())
            .run(
                new BackupStack.Request(
                    globals().file(),
                    output,
                    noVolumes ? Boolean.FALSE : null,
                    models,
                    archive,
                    description,
                    dryRun,
                    applyOptions.lockTimeout,
                    applyOptions.readyTimeout),
                printer());
    return switch (r) {
      case BackupStack.Result.DryRun d -> 0;
      case BackupStack.Result.Done d -> report(d.outcome());
    };
  }

  private int report(BackupOutcome o) {
    String secs = String.format(Locale.ROOT, "%.1fs", o.elapsed().toMillis() / 1000.0);
    StringBuilder b = new StringBuilder("Backup complete: ").append(o.path());
    b.append(" (")
        .append(PlanText.humanBytes(o.volumeBytes()))
        .append(" of volume data, ")
        .append(PlanText.humanBytes(o.bytesWritten()))
        .append(" written in ")
        .append(secs)
        .append(")");
    out().println(b);
    if (o.blobsWritten() + o.blobsReused() > 0) {
      out()
          .println(
              "  model blobs: "
                  + o.blobsWritten()
                  + " written ("
                  + PlanText.humanBytes(o.blobBytesWritten())
                  + "), "
                  + o.blobsReused()
                  + " already in the store ("
                  + PlanText.humanBytes(o.blobBytesReused())
                  + ")");
    }
    if (o.webuiDowntime() != null) {
      out()
          .println(
              "  webui was stopped for "
                  + String.format(Locale.ROOT, "%.1fs", o.webuiDowntime().toMillis() / 1000.0));
    }
    o.pruned().forEach(p -> out().println("  removed " + p.getFileName() + " (retention)"));
    if (o.blobBytesFreed() > 0) {
      out()
          .println(
              "  freed " + PlanText.humanBytes(o.blobBytesFreed()) + " of blobs no backup uses");
    } else if (o.blobBytesFreed() < 0) {
      out()
          .println(
              "  the blob store was left alone: a manifest in the directory could not be read");
    }
    out().flush();
    if (o.resumeProblem() != null) {
      err()
          .println(
              "error: the backup is complete, but webui did not come back: " + o.resumeProblem());
      err().println("hint: run 'ollama-stack apply' (or 'ollama-stack start webui')");
      return ExitCode.FAILED.code();
    }
    return 0;
  }
}
