package dev.ollamastack.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: what a backup holds and how to check it. Every file of the backup is
 * listed with its size and SHA-256, every model blob of the shared store with its own digest;
 * restore checks all of them before it touches anything.
 *
 * @param formatVersion the layout's version; a newer one than this tool reads is refused
 * @param createdAt when the backup was taken, UTC
 * @param lockDigests image reference → digest from {@code ollama-stack.lock} (empty without one)
 * @param blobStore where the model blobs are, relative to the backup ({@code ../blobs} beside a
 *     backup directory, {@code blobs} inside an archive)
 * @param webuiDowntimeMillis how long Open WebUI was stopped for the copy, or {@code null}
 */
public record Manifest(
    String format,
    int formatVersion,
    String toolVersion,
    String installation,
    Instant createdAt,
    String description,
    PlatformInfo platform,
    List<ImageInfo> images,
    Map<String, String> lockDigests,
    Models models,
    String blobStore,
    StackFile stackFile,
    List<FileEntry> files,
    List<Volume> volumes,
    Long webuiDowntimeMillis) {

  public static final String FORMAT = "ollama-stack-backup";
  public static final int FORMAT_VERSION = 1;
  public static final String FILE = "manifest.json";
  public static final String STORE_BESIDE = "../blobs";
  public static final String STORE_INSIDE = "blobs";

  public Manifest {
    images = images == null ? List.of() : List.copyOf(images);
    lockDigests = lockDigests == null ? Map.of() : Map.copyOf(lockDigests);
    files = files == null ? List.of() : List.copyOf(files);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
  }

  /** The same manifest with the store at {@code store}. */
  public Manifest withBlobStore(String store) {
    return new Manifest(
        format,
        formatVersion,
        toolVersion,
        installation,
        createdAt,
        description,
        platform,
        images,
        lockDigests,
        models,
        store,
        stackFile,
        files,
        volumes,
        webuiDowntimeMillis);
  }

  /** The file listed at {@code path}, or {@code null}. */
  public FileEntry file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst().orElse(null);
  }

  /** Platform the installation ran on. */
  public record PlatformInfo(String declared, String resolved, String os, String arch) {}

  /** An image a service ran, as Docker knew it. */
  public record ImageInfo(String service, String reference, String id, List<String> repoDigests) {}

  /**
   * How model weights were kept.
   *
   * @param mode {@code blobs} (in the shared store), {@code list} (names and digests only: pulled
   *     again on restore) or {@code none} (no model volume)
   */
  public record Models(String mode, List<ModelRef> list) {
    public Models {
      list = list == null ? List.of() : List.copyOf(list);
    }
  }

  /** A model and the digest of its manifest, as {@code /api/tags} reports it. */
  public record ModelRef(String name, String digest) {}

  /**
   * The stack file as it was when the backup was taken.
   *
   * @param path its name inside the backup
   * @param original where it was ({@code ollama-stack.yaml}, or the built-in default)
   * @param matchesLastApply whether it is the file the last apply used
   */
  public record StackFile(String path, String original, boolean matchesLastApply) {}

  /**
   * One file of the backup.
   *
   * @param role {@code stack-file}, {@code lock}, {@code secrets} or {@code volume}
   * @param sensitive holds secrets: stored 0600, never printed
   */
  public record FileEntry(String path, long size, String sha256, String role, boolean sensitive) {}

  /**
   * One volume.
   *
   * @param role {@code ollama}, {@code webui}, {@code extension} or {@code other}
   * @param archive the file (in {@link #files}) holding its entries, model blobs aside
   * @param entries entries restored, blobs included
   * @param bytes bytes of file content restored
   * @param contentSha256 the {@link VolumeDigest} of what a restore writes
   * @param blobs model weights kept in the store instead of the archive
   */
  public record Volume(
      String name,
      String role,
      String archive,
      long entries,
      long bytes,
      String contentSha256,
      Root root,
      List<Blob> blobs) {
    public Volume {
      blobs = blobs == null ? List.of() : List.copyOf(blobs);
    }
  }

  /** The volume's top directory. */
  public record Root(int mode, long uid, long gid) {}

  /** A file of a volume kept in the blob store: where it goes and what it looked like. */
  public record Blob(
      String path,
      String sha256,
      long size,
      int mode,
      long uid,
      long gid,
      long mtime,
      Map<String, String> xattrs) {
    public Blob {
      xattrs = xattrs == null ? Map.of() : Map.copyOf(xattrs);
    }

    public EntryMeta meta() {
      return new EntryMeta(path, mode, uid, gid, mtime, xattrs);
    }
  }
}
