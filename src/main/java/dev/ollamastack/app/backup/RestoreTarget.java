package dev.ollamastack.app.backup;

import dev.ollamastack.backup.BackupSource;
import dev.ollamastack.backup.BackupVerifier;
import dev.ollamastack.backup.Manifest;
import dev.ollamastack.backup.OlderBackupSource;
import dev.ollamastack.backup.OlderStackFile;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.StackLoader;
import dev.ollamastack.config.StackRename;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.model.ToolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a verified backup goes: the installation, the stack file (the backup's, renamed for {@code
 * --as}; for an older CLI's backup one written as {@code migrate} would), the secrets and lock
 * files, and each volume's name on the target. Everything is validated here, before the plan is
 * shown; nothing is written.
 */
final class RestoreTarget {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

  final String installation;
  final Path stackFile;
  final byte[] stackBytes;
  final LoadedStack stack;
  final byte[] secrets;
  final byte[] lock;

  /** Where the lock goes: beside the stack file for a restore, the stack's own for a rollback. */
  final Path lockFile;

  /** The {@code -f} the apply after the switch runs with. */
  final Path applyFile;

  /** {@code false} for a rollback: the stack file stays as it is. */
  final boolean writesStackFile;

  final Map<Manifest.Volume, String> volumes = new LinkedHashMap<>();
  final List<String> warnings = new ArrayList<>();

  /**
   * A rollback's target: the installation's own stack file (not written), Open WebUI's volume of
   * the pre-update backup, and the lock as it was before the update; no secrets.
   */
  RestoreTarget(
      LoadedStack stack,
      Path stackFile,
      Path applyFile,
      Path lockFile,
      byte[] lock,
      Map<Manifest.Volume, String> volumes) {
    this.installation = stack.spec().name();
    this.stack = stack;
    this.stackFile = stackFile;
    this.applyFile = applyFile;
    this.lockFile = lockFile;
    this.lock = lock;
    this.stackBytes = null;
    this.secrets = null;
    this.writesStackFile = false;
    this.volumes.putAll(volumes);
  }

  RestoreTarget(
      BackupVerifier.Verified verified,
      String as,
      Path file,
      StackLoader loader,
      Path stateHome,
      boolean withVolumes) {
    BackupSource source = verified.source();
    Manifest m = source.manifest();
    installation = as != null ? as : m.installation();
    if (!NAME.matcher(installation).matches()) {
      throw ToolException.invalidInput(
          "--as " + installation + ": not an installation name",
          "use lower-case letters, digits, '.', '_' and '-'");
    }
    stackFile = loader.target(file);
    if (source instanceof OlderBackupSource older) {
      warnings.add(
          "this is a backup of the older ollama-stack (Python CLI): it has no checksums, so only the"
              + " archives' integrity (gzip CRC, complete tar) was checked");
      stackBytes = olderStackFile(older);
      secrets = olderSecrets(older, stateHome);
      lock = null;
    } else {
      stackBytes = ourStackFile(verified, m);
      secrets = verified.files().get("secrets.env");
      lock = verified.files().get("ollama-stack.lock");
    }
    stack = validate(loader);
    lockFile = stackFile.resolveSibling(BackupFiles.LOCK);
    applyFile = stackFile;
    writesStackFile = true;
    if (withVolumes) {
      mapVolumes(m, source instanceof OlderBackupSource);
    }
  }

  private byte[] ourStackFile(BackupVerifier.Verified verified, Manifest m) {
    byte[] b = verified.files().get("ollama-stack.yaml");
    if (b == null) {
      throw ToolException.invalidInput(
          "the backup holds no stack file", "use a backup made by 'ollama-stack backup'");
    }
    if (installation.equals(m.installation())) {
      return b;
    }
    try {
      return StackRename.rename(new String(b, StandardCharsets.UTF_8), installation)
          .getBytes(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ToolException.invalidInput(
          "the backup's stack file writes metadata in a form --as cannot edit",
          "restore without --as, then change metadata.name by hand");
    }
  }

  private byte[] olderStackFile(OlderBackupSource older) {
    // A stack file of this installation that is already there is kept: it may hold the user's
    // edits.
    Optional<String> existing = existingName();
    if (Files.exists(stackFile) && existing.isPresent() && existing.get().equals(installation)) {
      try {
        return Files.readAllBytes(stackFile);
      } catch (IOException e) {
        throw ToolException.failed("cannot read " + stackFile + ": " + e.getMessage(), null);
      }
    }
    return OlderStackFile.render(OlderStackFile.fromFiles(installation, null, older.config()))
        .getBytes(StandardCharsets.UTF_8);
  }

  private byte[] olderSecrets(OlderBackupSource older, Path stateHome) {
    Optional<String> key = older.env().secretKey();
    if (key.isEmpty()) {
      warnings.add(
          "the backup's WEBUI_SECRET_KEY is unset or the older CLI's placeholder: a new key is"
              + " generated, so Open WebUI users sign in again");
      return null;
    }
    return SecretsText.withWebuiKey(new StatePaths(stateHome).secretsFile(installation), key.get());
  }

  private LoadedStack validate(StackLoader loader) {
    LoadedStack s = loader.loadBytes(stackBytes, stackFile.getFileName().toString(), stackFile);
    if (!s.spec().name().equals(installation)) {
      throw ToolException.invalidInput(
          "the backup's stack file names installation " + s.spec().name() + ", not " + installation,
          "restore with --as " + s.spec().name());
    }
    return s;
  }

  /** The installation the stack file at the target path belongs to, if one is there. */
  Optional<String> existingName() {
    if (!Files.isRegularFile(stackFile)) {
      return Optional.empty();
    }
    java.util.regex.Matcher m =
        Pattern.compile("(?m)^metadata:\\s*\\n\\s+name:\\s*([a-z0-9][a-z0-9_.-]*)")
            .matcher(read(stackFile));
    return m.find() ? Optional.of(m.group(1)) : Optional.of("ollama-stack");
  }

  private void mapVolumes(Manifest m, boolean older) {
    for (Manifest.Volume v : m.volumes()) {
      String to = older ? olderName(v) : ourName(m.installation(), v.name());
      if (to == null) {
        warnings.add(
            "volume "
                + v.name()
                + " is not restored: its name does not tell which volume of "
                + installation
                + " it is (its data is in "
                + v.archive()
                + ")");
      } else {
        volumes.put(v, to);
      }
    }
  }

  private String olderName(Manifest.Volume v) {
    return switch (v.role()) {
      case "ollama" -> installation + "_ollama_data";
      case "webui" -> installation + "_webui_data";
      default -> null;
    };
  }

  private String ourName(String from, String volume) {
    if (volume.startsWith(from + "_")) {
      return installation + volume.substring(from.length());
    }
    return installation.equals(from) ? volume : null;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }
}
