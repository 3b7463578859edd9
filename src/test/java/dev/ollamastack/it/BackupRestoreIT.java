package dev.ollamastack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.testsupport.CiRequires;
import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.StandInImages;
import dev.ollamastack.testsupport.VolumeFiles;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Backup and restore against the real daemon through the packaged CLI: every kind of file comes
 * back identical (compared entry by entry with {@code stat} and {@code sha256sum}), a second backup
 * of unchanged models writes no blob, and a damaged backup is refused with nothing changed.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreIT {
  static final String MODEL = "registry.ollama.ai/library/tiny/latest";

  private final String name = "osit-" + UUID.randomUUID().toString().substring(0, 8);
  private final String copy = name + "-copy";
  private final String small = name + "-small";
  private final String ollamaVolume = name + "_ollama_data";
  private final String webuiVolume = name + "_webui_data";
  private final String extraVolume = name + "_ext_notes_data";
  private Path work;
  private Path backups;
  private Cli cli;
  private Map<String, List<String>> original;
  private Path firstBackup;

  @BeforeAll
  void setUp() throws Exception {
    StandInImages.ensureBuilt();
    work = Files.createTempDirectory("backup-it");
    backups = work.resolve("backups");
    cli = new Cli(work, work.resolve("home"));
    Files.writeString(work.resolve("ollama-stack.yaml"), stack(name));
    Cli.Result r = cli.run("apply", "--yes");
    assertThat(r.exitCode()).as("%s", r).isZero();
    // A volume of the installation no service mounts (as an extension's): backed up by its label.
    DockerCli.run(
        "volume",
        "create",
        "--label",
        "ollama-stack.installation=" + name,
        "--label",
        "ollama-stack.managed-by=ollama-stack",
        extraVolume);
    VolumeFiles.run(webuiVolume, VolumeFiles.EVERY_KIND + "echo sqlite > webui.db\n");
    VolumeFiles.run(ollamaVolume, models());
    VolumeFiles.run(extraVolume, "echo notes > /d/notes.txt");
    original = listings();
  }

  static String stack(String installation) {
    return """
        apiVersion: ollama-stack/v1
        kind: Stack
        metadata:
          name: %s
        spec:
          platform: cpu
          services:
            ollama:
              image: %s
              port: %d
            webui:
              image: %s
              port: %d
            mcpProxy:
              enabled: false
          extensions:
            enabled: []
          backup:
            directory: ./backups
            keep: 3
        """
        .formatted(
            installation,
            StandInImages.ollama(),
            DockerCli.freePort(),
            StandInImages.webui(),
            DockerCli.freePort());
  }

  /** A model as Ollama keeps it: a manifest and content-addressed blobs of several MB. */
  static String models() {
    return """
        set -e
        mkdir -p /d/models/blobs /d/models/manifests/registry.ollama.ai/library/tiny
        for n in 1 2; do
          head -c 3000000 /dev/urandom > /tmp/b
          h=$(sha256sum /tmp/b | cut -d' ' -f1)
          mv /tmp/b /d/models/blobs/sha256-$h
          echo "$h" >> /tmp/digests
        done
        echo partial > /d/models/blobs/sha256-0000-partial
        printf '{"layers":["%s"]}' "$(cat /tmp/digests | tr '\\n' ' ')" > /d/models/manifests/registry.ollama.ai/library/tiny/latest
        """;
  }

  private Map<String, List<String>> listings() {
    return Map.of(
        ollamaVolume, VolumeFiles.listing(ollamaVolume),
        webuiVolume, VolumeFiles.listing(webuiVolume),
        extraVolume, VolumeFiles.listing(extraVolume));
  }

  @AfterAll
  void tearDown() throws Exception {
    for (String inst : List.of(name, copy, small)) {
      String ids =
          DockerCli.tryRun("ps", "-aq", "--filter", "label=ollama-stack.installation=" + inst);
      String helpers =
          DockerCli.tryRun("ps", "-aq", "--filter", "label=ollama-stack.helper=" + inst);
      for (String list : new String[] {ids, helpers}) {
        if (list != null && !list.isBlank()) {
          for (String id : list.split("\\s+")) {
            DockerCli.tryRun("rm", "-f", id);
          }
        }
      }
      String vols = DockerCli.tryRun("volume", "ls", "-q", "--filter", "name=" + inst + "_");
      if (vols != null && !vols.isBlank()) {
        for (String v : vols.split("\\s+")) {
          DockerCli.tryRun("volume", "rm", v);
        }
      }
      DockerCli.tryRun("network", "rm", inst + "_network");
    }
    try (Stream<Path> s = Files.walk(work)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static List<Path> blobs(Path backups) throws Exception {
    Path dir = backups.resolve("blobs/sha256");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private Path newest(String prefix) throws Exception {
    try (Stream<Path> s = Files.list(backups)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix))
          .max(Comparator.naturalOrder())
          .orElseThrow();
    }
  }

  @Test
  @Order(1)
  void aBackupHoldsEveryFileWithItsChecksumAndTheSecretsPrivate() throws Exception {
    Cli.Result r = cli.run("backup", "--description", "before the upgrade");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.out())
        .contains("Backup complete", "model blobs: 2 written", "webui was stopped for");
    firstBackup = newest("backup-");
    JsonNode m = new ObjectMapper().readTree(firstBackup.resolve("manifest.json").toFile());
    assertThat(m.path("installation").asText()).isEqualTo(name);
    assertThat(m.path("description").asText()).isEqualTo("before the upgrade");
    assertThat(m.path("createdAt").asText()).endsWith("Z");
    for (JsonNode f : m.path("files")) {
      assertThat(f.path("sha256").asText()).hasSize(64);
      assertThat(Files.size(firstBackup.resolve(f.path("path").asText())))
          .isEqualTo(f.path("size").asLong());
    }
    assertThat(m.path("volumes").findValuesAsText("name"))
        .contains(ollamaVolume, webuiVolume, extraVolume);
    assertThat(m.path("models").path("list").findValuesAsText("name"))
        .containsExactly("tiny:latest");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(firstBackup.resolve("secrets.env"))))
        .isEqualTo("rw-------");
    assertThat(blobs(backups)).hasSize(2);
    // The partial download is not a blob: it stays in the volume's archive.
    assertThat(original.get(ollamaVolume))
        .anyMatch(l -> l.startsWith("./models/blobs/sha256-0000-partial|"));
  }

  @Test
  @Order(2)
  void aSecondBackupOfUnchangedModelsWritesNoBlob() throws Exception {
    List<Path> before = blobs(backups);
    Map<Path, Long> mtimes = new java.util.HashMap<>();
    for (Path b : before) {
      mtimes.put(b, Files.getLastModifiedTime(b).toMillis());
    }
    Cli.Result r = cli.run("backup");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.out()).contains("model blobs: 0 written (0 B), 2 already in the store");
    assertThat(blobs(backups)).isEqualTo(before);
    for (Path b : before) {
      assertThat(Files.getLastModifiedTime(b).toMillis()).isEqualTo(mtimes.get(b));
    }
  }

  @Test
  @Order(3)
  void restoreBringsEveryFileBackIdentical() throws Exception {
    VolumeFiles.run(
        webuiVolume, "rm -rf /d/data/deep && echo changed > /d/webui.db && echo new > /d/new-file");
    VolumeFiles.run(ollamaVolume, "rm -rf /d/models/manifests && echo x > /d/id_ed25519");
    VolumeFiles.run(extraVolume, "rm /d/notes.txt");
    Cli.Result r = cli.run("restore", firstBackup.toString(), "--force");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.out()).contains("Restore complete", "The stack is converged");
    assertThat(listings()).isEqualTo(original);
    assertThat(DockerCli.inspect(name + "-webui", "{{.State.Status}}")).isEqualTo("running");
  }

  @Test
  @Order(4)
  void fileCapabilitiesSurviveWhereTheHostCanSetThem() throws Exception {
    String mountpoint = DockerCli.inspect(webuiVolume, "{{.Mountpoint}}");
    Path tool = Path.of(mountpoint, "data", "random.bin");
    CiRequires.that(
        Files.isExecutable(Path.of("/usr/sbin/setcap")) && Files.exists(tool),
        "needs setcap (libcap2-bin) and the volume on this host's filesystem");
    assertThat(
            new ProcessBuilder("/usr/sbin/setcap", "cap_net_raw+ep", tool.toString())
                .start()
                .waitFor())
        .isZero();
    assertThat(cli.run("backup").exitCode()).isZero();
    Path withCap = newest("backup-");
    assertThat(new ProcessBuilder("/usr/sbin/setcap", "-r", tool.toString()).start().waitFor())
        .isZero();
    Cli.Result r = cli.run("restore", withCap.toString(), "--force");
    assertThat(r.exitCode()).as("%s", r).isZero();
    Process get = new ProcessBuilder("/usr/sbin/getcap", tool.toString()).start();
    assertThat(new String(get.getInputStream().readAllBytes())).contains("cap_net_raw");
  }

  /** A copy of the first backup and its blobs, to damage without touching the original. */
  private Path damagedCopy(String label) throws Exception {
    Path dir = work.resolve("damaged-" + label);
    Path target = dir.resolve(firstBackup.getFileName());
    copyTree(firstBackup, target);
    copyTree(backups.resolve("blobs"), dir.resolve("blobs"));
    return target;
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  private void assertRefusedWithNothingChanged(Path backup, String message) {
    Map<String, List<String>> before = listings();
    Cli.Result r = cli.run("restore", backup.toString(), "--force");
    assertThat(r.exitCode()).as("%s", r).isEqualTo(3);
    assertThat(r.err()).contains(message).contains("hint: nothing was changed");
    assertThat(listings()).isEqualTo(before);
    assertThat(DockerCli.inspect(name + "-webui", "{{.State.Status}}")).isEqualTo("running");
  }

  @Test
  @Order(5)
  void aFlippedByteIsRefusedWithNothingChanged() throws Exception {
    Path b = damagedCopy("flipped");
    try (RandomAccessFile f =
        new RandomAccessFile(b.resolve("volumes/" + webuiVolume + ".tar.gz").toFile(), "rw")) {
      f.seek(f.length() / 2);
      int x = f.read();
      f.seek(f.length() / 2);
      f.write(x ^ 0x40);
    }
    assertRefusedWithNothingChanged(b, "checksum mismatch");
  }

  @Test
  @Order(5)
  void aTruncatedArchiveIsRefusedWithNothingChanged() throws Exception {
    Path b = damagedCopy("truncated");
    Path archive = b.resolve("volumes/" + ollamaVolume + ".tar.gz");
    byte[] all = Files.readAllBytes(archive);
    Files.write(archive, java.util.Arrays.copyOf(all, all.length - 100));
    assertRefusedWithNothingChanged(b, "truncated");
  }

  @Test
  @Order(5)
  void aTamperedManifestOrAMissingBlobIsRefusedWithNothingChanged() throws Exception {
    Path b = damagedCopy("tampered");
    Path manifest = b.resolve("manifest.json");
    ObjectMapper json = new ObjectMapper();
    var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(manifest.toFile());
    var file = (com.fasterxml.jackson.databind.node.ObjectNode) tree.path("files").get(0);
    file.put("sha256", "0".repeat(64));
    json.writeValue(manifest.toFile(), tree);
    assertRefusedWithNothingChanged(b, "checksum mismatch");
    Path m = damagedCopy("missing-blob");
    try (Stream<Path> s = Files.list(m.getParent().resolve("blobs/sha256"))) {
      Files.delete(s.findFirst().orElseThrow());
    }
    assertRefusedWithNothingChanged(m, "is missing");
  }

  @Test
  @Order(6)
  void restoreAsAnotherNameMakesACopy() throws Exception {
    // Same ports as the original: it is stopped while the copy runs.
    assertThat(cli.run("stop").exitCode()).isZero();
    Cli.Result r =
        cli.run("restore", firstBackup.toString(), "--as", copy, "--force", "-f", "copy.yaml");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(Files.readString(work.resolve("copy.yaml"))).contains("name: " + copy);
    assertThat(VolumeFiles.listing(copy + "_webui_data")).isEqualTo(original.get(webuiVolume));
    assertThat(VolumeFiles.listing(copy + "_ollama_data")).isEqualTo(original.get(ollamaVolume));
    assertThat(DockerCli.inspect(copy + "-webui", "{{.State.Status}}")).isEqualTo("running");
    assertThat(cli.run("stop", "-f", "copy.yaml").exitCode()).isZero();
    Cli.Result start = cli.run("start");
    assertThat(start.exitCode()).as("%s", start).isZero();
  }

  @Test
  @Order(7)
  void aSelfContainedArchiveRestores() throws Exception {
    Cli.Result b = cli.run("backup", "--archive");
    assertThat(b.exitCode()).as("%s", b).isZero();
    Path archive = newest("backup-");
    assertThat(archive.getFileName().toString()).endsWith(".tar.gz");
    assertThat(cli.run("restore", "--validate-only", archive.toString()).exitCode()).isZero();
    VolumeFiles.run(webuiVolume, "echo changed > /d/webui.db");
    Cli.Result r = cli.run("restore", archive.toString(), "--force");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(VolumeFiles.listing(webuiVolume)).isEqualTo(original.get(webuiVolume));
  }

  @Test
  @Order(8)
  void retentionKeepsTheNewestAndTheStoreOnlyWhatTheyUse() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(cli.run("backup").exitCode()).isZero();
    }
    try (Stream<Path> s = Files.list(backups)) {
      assertThat(s.filter(p -> p.getFileName().toString().startsWith("backup-")).count())
          .isEqualTo(3);
    }
    assertThat(blobs(backups)).hasSize(2);
  }

  @Test
  @Order(9)
  void aRestoreThatRunsOutOfSpaceMidwayLeavesTheOldDataAndTheServiceRunning() throws Exception {
    // The webui volume of another installation is a 1 MB tmpfs, kept mounted by its running webui
    // (a restore stages beside the data while the services run), nearly full: the staged copy of
    // the backup's webui volume (300 kB of random data alone) cannot fit.
    String webui = small + "_webui_data";
    DockerCli.run(
        "volume",
        "create",
        "--driver",
        "local",
        "--opt",
        "type=tmpfs",
        "--opt",
        "device=tmpfs",
        "--opt",
        "o=size=1m",
        "--label",
        "ollama-stack.installation=" + small,
        "--label",
        "ollama-stack.managed-by=ollama-stack",
        webui);
    String smallStack = stack(small);
    Files.writeString(work.resolve("small.yaml"), smallStack);
    Cli.Result up = cli.run("apply", "--yes", "-f", "small.yaml");
    assertThat(up.exitCode()).as("%s", up).isZero();
    VolumeFiles.run(webui, "head -c 800000 /dev/urandom > /d/chats.db");
    List<String> before = VolumeFiles.listing(webui);
    List<String> modelsBefore = VolumeFiles.listing(small + "_ollama_data");
    // A backup of its own: retention (keep: 3) has pruned the first one by now.
    Cli.Result b = cli.run("backup");
    assertThat(b.exitCode()).as("%s", b).isZero();
    Path backup = newest("backup-");
    assertThat(cli.run("stop").exitCode()).isZero(); // the backup's ports are the original's
    Cli.Result r =
        cli.run("restore", backup.toString(), "--as", small, "--force", "-f", "small.yaml");
    assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
    assertThat(r.err()).contains("restore failed before anything was replaced");
    assertThat(VolumeFiles.listing(webui)).isEqualTo(before);
    assertThat(VolumeFiles.listing(small + "_ollama_data")).isEqualTo(modelsBefore);
    assertThat(DockerCli.inspect(small + "-webui", "{{.State.Status}}")).isEqualTo("running");
    assertThat(Files.readString(work.resolve("small.yaml"))).isEqualTo(smallStack);
    Cli.Result start = cli.run("start");
    assertThat(start.exitCode()).as("%s", start).isZero();
  }

  /**
   * A backup as the older CLI writes them (no checksums), its webui archive holding {@code bad}.
   */
  private Path olderBackupWith(String label, TarArchiveEntry... bad) throws Exception {
    Path dir = work.resolve("hostile-" + label).resolve("backup-20250711-140322");
    Files.createDirectories(dir.resolve("volumes"));
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(
        dir.resolve("backup_manifest.json"),
        """
        {"backup_id": "0f0e", "created_at": "2025-07-11 14:03:22.123456",
         "stack_version": "0.2.0", "cli_version": "0.2.0", "platform": "linux",
         "volumes": ["%s"], "config_files": [".ollama-stack.json", ".env"],
         "extensions": [], "checksum": null, "size_bytes": 0, "description": null}
        """
            .formatted(webuiVolume));
    Files.writeString(dir.resolve("config/.env"), "PROJECT_NAME='" + name + "'\n");
    try (var out =
        new TarArchiveOutputStream(
            new GzipCompressorOutputStream(
                Files.newOutputStream(dir.resolve("volumes/" + webuiVolume + ".tar.gz"))))) {
      TarArchiveEntry ok = new TarArchiveEntry("./ok.txt");
      ok.setSize(3);
      out.putArchiveEntry(ok);
      out.write("ok\n".getBytes());
      out.closeArchiveEntry();
      for (TarArchiveEntry e : bad) {
        out.putArchiveEntry(e);
        if (e.isFile()) {
          out.write(new byte[(int) e.getSize()]);
        }
        out.closeArchiveEntry();
      }
    }
    return dir;
  }

  private static TarArchiveEntry file(String path) {
    TarArchiveEntry e = new TarArchiveEntry(path, true);
    e.setSize(4);
    return e;
  }

  private static TarArchiveEntry link(String path, byte type, String target) {
    TarArchiveEntry e = new TarArchiveEntry(path, type, true);
    e.setLinkName(target);
    return e;
  }

  @Test
  @Order(5)
  void hostileNamesInABackupCannotWriteOutsideTheVolume() throws Exception {
    String tag = name.substring(5);
    Map<String, TarArchiveEntry[]> cases =
        Map.of(
            "dotdot", new TarArchiveEntry[] {file("./../../escape-" + tag)},
            "absolute", new TarArchiveEntry[] {file("/tmp/escape-" + tag)},
            "through-symlink",
                new TarArchiveEntry[] {
                  link("./out", TarConstants.LF_SYMLINK, "/"), file("./out/tmp/escape-" + tag)
                },
            "hardlink-out",
                new TarArchiveEntry[] {link("./h", TarConstants.LF_LINK, "/etc/passwd")});
    String mountpoint = DockerCli.inspect(webuiVolume, "{{.Mountpoint}}");
    for (var c : cases.entrySet()) {
      Path b = olderBackupWith(c.getKey(), c.getValue());
      Map<String, List<String>> before = listings();
      Cli.Result r = cli.run("restore", b.toString(), "--force");
      assertThat(r.exitCode()).as("%s: %s", c.getKey(), r).isEqualTo(3);
      assertThat(r.err()).as(c.getKey()).contains("hint: nothing was changed");
      assertThat(listings()).as(c.getKey()).isEqualTo(before);
      assertThat(Path.of(mountpoint).getParent().resolve("escape-" + tag)).doesNotExist();
      assertThat(Path.of("/tmp/escape-" + tag)).doesNotExist();
    }
    assertThat(DockerCli.inspect(name + "-webui", "{{.State.Status}}")).isEqualTo("running");
  }

  @Test
  @Order(10)
  void aBackupOfTheOlderCliRestoresWithItsSecretKey() throws Exception {
    Path b = olderBackupWith("older-ok", file("./webui.db"));
    String key = "older-" + "k".repeat(58);
    Files.writeString(
        b.resolve("config/.env"), "PROJECT_NAME='" + name + "'\nWEBUI_SECRET_KEY='" + key + "'\n");
    Cli.Result r = cli.run("restore", b.toString(), "--force");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.out() + r.err()).contains("no checksums");
    assertThat(VolumeFiles.listing(webuiVolume))
        .anyMatch(l -> l.startsWith("./ok.txt|"))
        .anyMatch(l -> l.startsWith("./webui.db|"))
        .noneMatch(l -> l.startsWith("./data"));
    assertThat(DockerCli.inspect(name + "-webui", "{{range .Config.Env}}{{println .}}{{end}}"))
        .contains("WEBUI_SECRET_KEY=" + key);
    assertThat(r.out()).doesNotContain(key);
  }
}
