package dev.ollamastack.cli;

import dev.ollamastack.app.backup.BackupPlan;
import dev.ollamastack.app.backup.MigratePlan;
import dev.ollamastack.app.backup.RestorePlan;
import dev.ollamastack.app.backup.RollbackPlan;
import dev.ollamastack.backup.Manifest;
import dev.ollamastack.plan.PlanText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The plans of {@code backup} and {@code restore} for people, in the style of {@code plan}. */
final class DataPlanText {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private DataPlanText() {}

  static void backup(PrintWriter out, BackupPlan p) {
    out.println(
        "Backup of "
            + p.installation()
            + " to "
            + p.directory()
            + (p.archive() ? " (one .tar.gz)" : "")
            + ", keeping "
            + p.keep()
            + ":");
    for (BackupPlan.Volume v : p.volumes()) {
      String size = v.bytes() == null ? "" : ", " + PlanText.humanBytes(v.bytes());
      String models =
          !v.role().equals("ollama")
              ? ""
              : switch (p.models()) {
                case BLOBS ->
                    ": model weights once each in the shared store "
                        + p.directory().resolve("blobs");
                case LIST -> ": model names and digests only (a restore pulls them again)";
              };
      out.println("  = volume " + v.name() + " (" + v.role() + size + ")" + models);
    }
    out.println("  = files: " + String.join(", ", p.files()));
    if (p.pauseWebui()) {
      out.println(
          "  ~ webui is stopped for a consistent copy of its SQLite database, then started again");
    }
    for (Path old : p.prune()) {
      out.println(
          "  - "
              + old.getFileName()
              + " (older than the "
              + p.keep()
              + " kept; removed once the new backup is verified)");
    }
    p.warnings().forEach(w -> out.println("warning: " + w));
    out.flush();
  }

  static void migrate(PrintWriter out, MigratePlan p) {
    out.println(
        "Migrate "
            + p.installation()
            + " from the older ollama-stack (Python CLI)"
            + (p.configDir() == null ? "" : ", config " + p.configDir())
            + ":");
    out.println(
        "  + "
            + p.stackFile()
            + (p.writesStackFile() ? "" : " (already written)")
            + (p.savedAs() == null
                ? ""
                : " (the current one is kept as " + p.savedAs().getFileName() + ")"));
    out.println(
        "  + secrets.env: "
            + (p.keepsSecretKey() ? "WEBUI_SECRET_KEY kept (users stay signed in)" : "new keys"));
    p.volumes().forEach(v -> out.println("  = volume " + v + ": adopted with its data"));
    if (!p.containers().isEmpty()) {
      out.println(
          "  - stop, then remove the older containers "
              + String.join(", ", p.containers())
              + " (before anything of ours mounts their volumes)");
    }
    out.println("  + apply the new stack file and wait until every service answers");
    p.warnings().forEach(w -> out.println("warning: " + w));
    out.flush();
  }

  static void rollback(PrintWriter out, RollbackPlan p) {
    out.println(
        "Rollback of the last update of "
            + p.installation()
            + " ("
            + UTC.format(p.updatedAt())
            + "): "
            + p.image()
            + " "
            + dev.ollamastack.model.ImageRef.shortDigest(p.from())
            + " → "
            + dev.ollamastack.model.ImageRef.shortDigest(p.to()));
    out.println(
        "  pre-update backup "
            + p.backup()
            + ": "
            + p.entries()
            + " entries, "
            + PlanText.humanBytes(p.bytes())
            + ", every checksum matches");
    if (!p.stop().isEmpty()) {
      out.println("  - stop " + String.join(", ", p.stop()) + " for the switch");
    }
    out.println(
        "  ~ volume "
            + p.volume()
            + ": restored from the pre-update backup (written beside the current data, checked,"
            + " then switched to)");
    out.println("  ~ " + p.lockFile() + ": the pins as they were before the update");
    out.println("  then apply with them:");
    out.print(PlanText.render(p.apply(), "No changes. The stack runs the previous digests."));
    out.println("Other volumes, the stack file and the secrets are not touched.");
    p.warnings().forEach(w -> out.println("warning: " + w));
    out.flush();
  }

  static void restore(PrintWriter out, RestorePlan p) {
    Manifest m = p.manifest();
    out.println("Restore of " + p.installation() + " from " + p.source() + ":");
    StringBuilder made = new StringBuilder("  made ");
    made.append(m.createdAt() == null ? "at an unknown time" : UTC.format(m.createdAt()));
    if (m.toolVersion() != null) {
      made.append(" by ollama-stack ").append(m.toolVersion());
    }
    if (!m.installation().equals(p.installation())) {
      made.append(" for installation ").append(m.installation());
    }
    if (m.description() != null) {
      made.append(": \"").append(m.description()).append('"');
    }
    out.println(made);
    out.println(
        "  checked: "
            + p.entries()
            + " entries, "
            + PlanText.humanBytes(p.bytes())
            + (p.checksummed()
                ? ", every checksum matches"
                : ", archives intact (no checksums to compare)"));
    for (RestorePlan.VolumeStep v : p.volumes()) {
      String from = v.from().equals(v.to()) ? "" : " ← " + v.from();
      out.println(
          "  ~ volume "
              + v.to()
              + from
              + (v.exists() ? "" : " (new)")
              + ": written beside the current data, checked, then switched to");
    }
    if (!p.stop().isEmpty()) {
      out.println("  - stop " + String.join(", ", p.stop()) + " for the switch");
    }
    out.println(
        "  ~ "
            + p.stackFile()
            + (p.replacesStackFile()
                ? " (the current one is kept as " + p.savedAs().getFileName() + ")"
                : ""));
    if (p.secrets()) {
      out.println(
          "  ~ secrets.env (sensitive)"
              + (p.secretKeyChanges()
                  ? ": WEBUI_SECRET_KEY goes back to the backup's; users who signed in since then sign in again"
                  : ""));
    }
    p.pulls()
        .forEach(i -> out.println("  + pull " + i + " (no local image can mount the volumes)"));
    out.println("  + apply the restored stack and wait until every service answers");
    if (!p.models().isEmpty()) {
      out.println("  + pull again: " + String.join(", ", p.models()));
    }
    p.warnings().forEach(w -> out.println("warning: " + w));
    out.flush();
  }
}
