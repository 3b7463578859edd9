package dev.ollamastack.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamastack.model.ExitCode;
import dev.ollamastack.model.ToolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup format without Docker: a volume's tar split into an archive and the blob store,
 * checked back byte for byte, and every kind of damage refused with exit 3.
 */
class BackupFormatTest {
  private static final String WEIGHTS = "model weights ".repeat(1000);
  private static final String MANIFEST_PATH =
      "models/manifests/registry.ollama.ai/library/llama3.2/1b";

  @TempDir Path tmp;
  private Path backups;
  private BlobStore store;
  private final List<String> warnings = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    backups = tmp.resolve("backups");
    Files.createDirectories(backups);
    store = new BlobStore(backups.resolve("blobs"));
  }

  private byte[] ollamaVolume() throws IOException {
    return new VolumeTars("ollama-stack-volume")
        .file("id_ed25519", "private key")
        .dir("models", 0755)
        .dir("models/blobs", 0755)
        .file(VolumeTars.blobName(WEIGHTS), WEIGHTS)
        .file("models/blobs/sha256-" + "0".repeat(64), "not what the name says")
        .file("models/blobs/sha256-abc-partial", "a pull in progress")
        .file(MANIFEST_PATH, "{\"layers\":[]}")
        .file("setuid-tool", new byte[] {1, 2, 3}, 04755, 1000, 1000, e -> {})
        .hardLink("second-name", "setuid-tool")
        .symlink("link-out", "/etc/passwd")
        .file("empty", new byte[0], 0600, 0, 0, e -> {})
        .tar();
  }

  private VolumeSnapshot.Result snapshot(Path dir, ModelsMode mode) throws IOException {
    Files.createDirectories(dir.resolve("volumes"));
    return new VolumeSnapshot(store, n -> {}, warnings::add)
        .take(
            new ByteArrayInputStream(ollamaVolume()),
            new VolumeSnapshot.Options(
                "x_ollama_data",
                "ollama",
                mode,
                dir.resolve("volumes/x_ollama_data.tar.gz"),
                "volumes/x_ollama_data.tar.gz"));
  }

  private Path backup(ModelsMode mode) throws IOException {
    Path dir = backups.resolve("backup-1");
    VolumeSnapshot.Result r = snapshot(dir, mode);
    Manifest m =
        new Manifest(
            Manifest.FORMAT,
            1,
            "test",
            "x",
            Instant.parse("2026-01-01T00:00:00Z"),
            null,
            null,
            List.of(),
            Map.of(),
            new Manifest.Models(mode.label(), r.models()),
            Manifest.STORE_BESIDE,
            null,
            List.of(r.archive()),
            List.of(r.volume()),
            null);
    Files.write(dir.resolve(Manifest.FILE), ManifestJson.write(m));
    return dir;
  }

  @Test
  void blobsGoToTheStoreOnceAndASecondBackupWritesNone() throws IOException {
    VolumeSnapshot.Result first = snapshot(backups.resolve("a"), ModelsMode.BLOBS);
    assertThat(first.blobsWritten()).isEqualTo(1);
    assertThat(first.volume().blobs())
        .extracting(Manifest.Blob::path)
        .containsExactly(VolumeTars.blobName(WEIGHTS));
    assertThat(first.models()).extracting(Manifest.ModelRef::name).containsExactly("llama3.2:1b");
    assertThat(warnings).anyMatch(w -> w.contains("does not match its name"));

    VolumeSnapshot.Result second = snapshot(backups.resolve("b"), ModelsMode.BLOBS);
    assertThat(second.blobsWritten()).isZero();
    assertThat(second.blobsReused()).isEqualTo(1);
    assertThat(second.volume().contentSha256()).isEqualTo(first.volume().contentSha256());
  }

  @Test
  void aBackupVerifiesAndItsDigestIsWhatARestoreWouldSend() throws IOException {
    Path dir = backup(ModelsMode.BLOBS);
    BackupVerifier.Verified v =
        BackupVerifier.verify(DirectorySource.open(dir), true, n -> {}, warnings::add);
    // every entry but the root, the hard link counted as a file
    assertThat(v.entries()).isEqualTo(11);
    assertThat(v.bytes()).isGreaterThan(WEIGHTS.length());
  }

  @Test
  void theDigestIgnoresOrderAndWhichNameOfAHardLinkComesFirst() throws IOException {
    byte[] a = new VolumeTars(".").file("a", "same").hardLink("b", "a").file("c", "other").targz();
    byte[] b = new VolumeTars(".").file("c", "other").file("b", "same").hardLink("a", "b").targz();
    assertThat(digest(a)).isEqualTo(digest(b));
    byte[] changed = new VolumeTars(".").file("c", "other").file("b", "same").targz();
    assertThat(digest(changed)).isNotEqualTo(digest(a));
  }

  private String digest(byte[] targz) throws IOException {
    StagingStreams.Sent s = new StagingStreams.Sent("t", w -> {});
    StagingStreams.archive(
        s, new ByteArrayInputStream(targz), java.io.OutputStream.nullOutputStream(), n -> {});
    return s.digest();
  }

  @Test
  void listModeKeepsNamesAndDigestsButNoWeights() throws IOException {
    VolumeSnapshot.Result r = snapshot(backups.resolve("l"), ModelsMode.LIST);
    assertThat(r.volume().blobs()).isEmpty();
    assertThat(r.blobsWritten()).isZero();
    assertThat(r.models())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.name()).isEqualTo("llama3.2:1b");
              assertThat(m.digest())
                  .isEqualTo(
                      "sha256:" + Sha256.of("{\"layers\":[]}".getBytes(StandardCharsets.UTF_8)));
            });
    assertThat(store.list()).isEmpty();
  }

  @Test
  void aFlippedByteIsRefused() throws IOException {
    Path dir = backup(ModelsMode.BLOBS);
    Path archive = dir.resolve("volumes/x_ollama_data.tar.gz");
    try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0x01);
    }
    assertBad(dir, "checksum mismatch");
  }

  @Test
  void aTruncatedArchiveIsRefused() throws IOException {
    Path dir = backup(ModelsMode.BLOBS);
    Path archive = dir.resolve("volumes/x_ollama_data.tar.gz");
    byte[] all = Files.readAllBytes(archive);
    Files.write(archive, java.util.Arrays.copyOf(all, all.length - 40));
    assertBad(dir, "x_ollama_data.tar.gz");
  }

  @Test
  void aMissingBlobIsRefused() throws IOException {
    Path dir = backup(ModelsMode.BLOBS);
    store.delete(Sha256.of(WEIGHTS.getBytes(StandardCharsets.UTF_8)));
    assertBad(dir, "is missing");
  }

  @Test
  void aTamperedBlobIsRefused() throws IOException {
    Path dir = backup(ModelsMode.BLOBS);
    Files.writeString(
        store.path(Sha256.of(WEIGHTS.getBytes(StandardCharsets.UTF_8))), WEIGHTS.toUpperCase());
    assertBad(dir, "checksum mismatch");
  }

  @Test
  void aManifestFromANewerFormatIsRefused() throws IOException {
    Path dir = backup(ModelsMode.BLOBS);
    String m =
        Files.readString(dir.resolve(Manifest.FILE))
            .replace("\"formatVersion\" : 1", "\"formatVersion\" : 9");
    Files.writeString(dir.resolve(Manifest.FILE), m);
    assertThatThrownBy(() -> DirectorySource.open(dir))
        .isInstanceOfSatisfying(
            ToolException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
        .hasMessageContaining("format version 9");
  }

  @Test
  void aSelfContainedArchiveReadsBackAndAnIncompleteOneIsRefused() throws IOException {
    Path dir = backup(ModelsMode.BLOBS);
    Manifest m = DirectorySource.open(dir).manifest();
    Path archive = tmp.resolve("backup-1.tar.gz");
    BackupArchive.pack(dir, m, store, archive, n -> {});
    BackupVerifier.Verified v =
        BackupVerifier.verify(ArchiveSource.open(archive), true, n -> {}, w -> {});
    assertThat(v.entries()).isEqualTo(11);

    byte[] all = Files.readAllBytes(archive);
    Files.write(archive, java.util.Arrays.copyOf(all, all.length / 2));
    assertThatThrownBy(
            () -> BackupVerifier.verify(ArchiveSource.open(archive), true, n -> {}, w -> {}))
        .isInstanceOfSatisfying(
            ToolException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT));
  }

  private void assertBad(Path dir, String message) {
    assertThatThrownBy(
            () -> BackupVerifier.verify(DirectorySource.open(dir), true, n -> {}, w -> {}))
        .isInstanceOfSatisfying(
            ToolException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
        .hasMessageContaining(message);
  }
}
