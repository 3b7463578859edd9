package dev.ollamastack.backup;

import dev.ollamastack.model.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A directory of backups ({@code spec.backup.directory}): {@code backup-<UTC time>/} directories
 * and {@code backup-<UTC time>.tar.gz} archives, the shared {@code blobs/} store, and a lock file
 * held while a backup writes or prunes, so two never race on the store. A backup is written under a
 * hidden {@code .backup-…incomplete} name and renamed when verified: a backup that died midway
 * never looks complete.
 */
public final class BackupDirectory {
  static final String LOCK = ".ollama-stack-backups.lock";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** A complete backup of ours in this directory. */
  public record Listed(Path path, String installation, Instant createdAt, boolean archive) {}

  private final Path dir;

  public BackupDirectory(Path dir) {
    this.dir = dir;
  }

  public Path path() {
    return dir;
  }

  public BlobStore store() {
    return new BlobStore(dir.resolve("blobs"));
  }

  /** The directory, created private (backups hold the secrets file) when it is new. */
  public void create() throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      posix(dir, "rwx------");
    }
  }

  /**
   * Takes the directory's lock, waiting up to {@code wait}; exit 5 when another backup holds it.
   */
  public AutoCloseable lock(Duration wait) throws IOException {
    FileChannel ch =
        FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l != null) {
        FileLock held = l;
        return () -> {
          held.release();
          ch.close();
        };
      }
      if (System.nanoTime() >= deadline) {
        ch.close();
        throw ToolException.refused(
            "another backup or restore is using " + dir,
            "wait for it to finish, or pass --lock-timeout 10m");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ch.close();
        throw ToolException.refused("interrupted while waiting for " + dir, null);
      }
    }
  }

  /** {@code backup-<time>}, with a suffix when that name is taken. */
  public String newName(Instant at) {
    String base = "backup-" + STAMP.format(at);
    String name = base;
    for (int i = 2;
        Files.exists(dir.resolve(name)) || Files.exists(dir.resolve(name + ".tar.gz"));
        i++) {
      name = base + "-" + i;
    }
    return name;
  }

  /** Where a backup is written until it is verified; created private. */
  public Path incoming(String name) throws IOException {
    Path p = dir.resolve("." + name + ".incomplete");
    Files.createDirectories(p.resolve("volumes"));
    posix(p, "rwx------");
    return p;
  }

  /** Removes what backups that died midway left (only called under the lock). */
  public void removeIncomplete() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p :
          s.filter(p -> p.getFileName().toString().matches("\\.backup-.*\\.incomplete")).toList()) {
        deleteTree(p);
      }
    }
    store().removeIncoming();
  }

  /** Our complete backups here, newest first. */
  public List<Listed> list() throws IOException {
    List<Listed> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p :
          s.filter(p -> p.getFileName().toString().startsWith("backup-")).sorted().toList()) {
        read(p).ifPresent(out::add);
      }
    }
    out.sort(Comparator.comparing(Listed::createdAt).reversed());
    return out;
  }

  /** Removes all but the newest {@code keep} backups of {@code installation}; what it removed. */
  public List<Path> prune(String installation, int keep) throws IOException {
    List<Path> removed = new ArrayList<>();
    List<Listed> mine = list().stream().filter(l -> l.installation().equals(installation)).toList();
    for (Listed l : mine.subList(Math.min(keep, mine.size()), mine.size())) {
      deleteTree(l.path());
      removed.add(l.path());
    }
    return removed;
  }

  /**
   * Deletes store blobs that no backup directory here references; the bytes freed. A manifest it
   * cannot read (damaged, or of a newer format) might reference any blob: then nothing is deleted
   * and the result is empty.
   */
  public java.util.OptionalLong collectGarbage() throws IOException {
    Set<String> referenced = new HashSet<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("backup-")).toList()) {
        Path manifest = p.resolve(Manifest.FILE);
        if (!Files.isRegularFile(manifest)) {
          continue;
        }
        try {
          for (var v : ManifestJson.MAPPER.readTree(manifest.toFile()).path("volumes")) {
            for (var b : v.path("blobs")) {
              referenced.add(b.path("sha256").asText());
            }
          }
        } catch (IOException e) {
          return java.util.OptionalLong.empty();
        }
      }
    }
    long freed = 0;
    BlobStore store = store();
    for (String hex : store.list()) {
      if (!referenced.contains(hex)) {
        freed += store.size(hex);
        store.delete(hex);
      }
    }
    return java.util.OptionalLong.of(freed);
  }

  private static java.util.Optional<Listed> read(Path p) {
    try {
      if (Files.isDirectory(p) && Files.isRegularFile(p.resolve(Manifest.FILE))) {
        Manifest m;
        try (InputStream in = Files.newInputStream(p.resolve(Manifest.FILE))) {
          m = ManifestJson.read(in, p.toString());
        }
        return java.util.Optional.of(new Listed(p, m.installation(), m.createdAt(), false));
      }
      if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".tar.gz")) {
        Manifest m = ArchiveSource.open(p).manifest();
        return java.util.Optional.of(new Listed(p, m.installation(), m.createdAt(), true));
      }
    } catch (IOException | ToolException e) {
      // not one of ours, or damaged: never pruned, never counted
    }
    return java.util.Optional.empty();
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }

  static void posix(Path p, String perms) throws IOException {
    if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }
  }
}
