package dev.ollamastack.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A backup of the older Python CLI ({@code backup-YYYYMMDD-HHMMSS/}): {@code backup_manifest.json},
 * {@code volumes/<volume>.tar.gz} (members {@code ./...}), {@code config/.env} and {@code
 * config/.ollama-stack.json}. Its manifest has no checksums, so only the archives' own integrity
 * (gzip CRC-32 and length, a complete tar) can be checked; the manifest this source presents is
 * made from it, with no digests.
 */
public final class OlderBackupSource implements BackupSource {
  public static final String MANIFEST = "backup_manifest.json";
  public static final String FORMAT = "ollama-stack-python";
  static final String ENV = "config/.env";
  static final String CONFIG = "config/.ollama-stack.json";
  private static final Pattern VOLUME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}");

  private final Path dir;
  private final Manifest manifest;
  private final OlderEnvFile env;
  private final String config;

  private OlderBackupSource(Path dir, Manifest manifest, OlderEnvFile env, String config) {
    this.dir = dir;
    this.manifest = manifest;
    this.env = env;
    this.config = config;
  }

  public static boolean looksLikeOne(Path dir) {
    return Files.isRegularFile(dir.resolve(MANIFEST));
  }

  public static OlderBackupSource open(Path dir) {
    JsonNode m;
    try {
      m = new ObjectMapper().readTree(dir.resolve(MANIFEST).toFile());
    } catch (IOException e) {
      throw BackupProblems.bad(dir + "/" + MANIFEST, "not valid JSON (" + e.getMessage() + ")");
    }
    OlderEnvFile env = OlderEnvFile.parse(read(dir.resolve(ENV)).orElse(""));
    String config = read(dir.resolve(CONFIG)).orElse(null);
    String project = env.projectName().orElse(null);
    List<Manifest.Volume> volumes = new ArrayList<>();
    List<Manifest.FileEntry> files = new ArrayList<>();
    for (JsonNode v : m.path("volumes")) {
      String name = v.asText();
      if (!VOLUME.matcher(name).matches()) {
        throw BackupProblems.bad(dir + "/" + MANIFEST, "volume name '" + name + "' is not valid");
      }
      String archive = "volumes/" + name + ".tar.gz";
      if (!Files.isRegularFile(dir.resolve(archive))) {
        throw BackupProblems.bad(dir + "/" + archive, "is missing");
      }
      files.add(new Manifest.FileEntry(archive, size(dir.resolve(archive)), null, "volume", false));
      volumes.add(new Manifest.Volume(name, role(name), archive, 0, 0, null, null, List.of()));
      if (project == null && name.endsWith("_ollama_data")) {
        project = name.substring(0, name.length() - "_ollama_data".length());
      }
    }
    if (Files.isRegularFile(dir.resolve(ENV))) {
      files.add(new Manifest.FileEntry(ENV, size(dir.resolve(ENV)), null, "older-env", true));
    }
    Manifest manifest =
        new Manifest(
            FORMAT,
            0,
            m.path("cli_version").asText(null),
            project == null ? "ollama-stack" : project,
            createdAt(m.path("created_at").asText("")),
            null,
            new Manifest.PlatformInfo(null, null, m.path("platform").asText(null), null),
            List.of(),
            null,
            new Manifest.Models("none", List.of()),
            null,
            null,
            files,
            volumes,
            null);
    return new OlderBackupSource(dir, manifest, env, config);
  }

  @Override
  public Manifest manifest() {
    return manifest;
  }

  @Override
  public boolean checksummed() {
    return false;
  }

  @Override
  public String describe() {
    return dir.toString();
  }

  /** Its {@code config/.env}: the project name and the Open WebUI secret key. */
  public OlderEnvFile env() {
    return env;
  }

  /** Its {@code .ollama-stack.json}, or {@code null}. */
  public String config() {
    return config;
  }

  @Override
  public void visit(BackupVisitor visitor) throws IOException {
    for (Manifest.FileEntry f : manifest.files()) {
      try (Sha256.In in = CheckedFile.wrap(Files.newInputStream(dir.resolve(f.path())))) {
        if ("volume".equals(f.role())) {
          Manifest.Volume v =
              manifest.volumes().stream()
                  .filter(x -> x.archive().equals(f.path()))
                  .findFirst()
                  .orElseThrow();
          visitor.volume(v, in);
        } else {
          visitor.file(f, in);
        }
        CheckedFile.finish(in, f.path(), f.size(), null);
      }
    }
  }

  /** {@code ollama}, {@code webui}, or {@code other} by the older compose file's volume names. */
  static String role(String volume) {
    if (volume.endsWith("_ollama_data")) {
      return "ollama";
    }
    return volume.endsWith("_webui_data") ? "webui" : "other";
  }

  // str(datetime): local time, no zone ("2025-07-11 14:03:22.123456"); taken as this machine's.
  private static Instant createdAt(String text) {
    try {
      return LocalDateTime.parse(text.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .atZone(ZoneId.systemDefault())
          .toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Optional<String> read(Path p) {
    try {
      return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }
}
