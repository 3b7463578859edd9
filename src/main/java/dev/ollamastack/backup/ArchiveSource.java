package dev.ollamastack.backup;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A backup in one {@code .tar.gz} ({@code backup --archive}): {@code manifest.json} first, then its
 * files, the model blobs ({@code blobs/sha256/<hex>}), then the volume archives. Read strictly in
 * order, so a pass needs no temporary copy however large the archive is.
 */
public final class ArchiveSource implements BackupSource {
  private static final String BLOB_PREFIX = "blobs/sha256/";

  private final Path file;
  private final Manifest manifest;

  private ArchiveSource(Path file, Manifest manifest) {
    this.file = file;
    this.manifest = manifest;
  }

  public static ArchiveSource open(Path file) {
    try (TarArchiveInputStream in = tar(file)) {
      TarArchiveEntry first = next(in);
      if (first == null || !Manifest.FILE.equals(first.getName())) {
        throw BackupProblems.bad(file.toString(), "does not start with " + Manifest.FILE);
      }
      Manifest m = ManifestJson.read(in, file.getFileName() + ":" + Manifest.FILE);
      if (!Manifest.STORE_INSIDE.equals(m.blobStore())) {
        throw BackupProblems.bad(file.toString(), "its manifest belongs to a backup directory");
      }
      return new ArchiveSource(file, m);
    } catch (NoSuchFileException e) {
      throw BackupProblems.bad(file.toString(), "does not exist");
    } catch (IOException e) {
      throw BackupProblems.bad(
          file.toString(), "is not a readable .tar.gz (" + e.getMessage() + ")");
    }
  }

  @Override
  public Manifest manifest() {
    return manifest;
  }

  @Override
  public boolean checksummed() {
    return true;
  }

  @Override
  public String describe() {
    return file.toString();
  }

  @Override
  public void visit(BackupVisitor visitor) throws IOException {
    Map<String, Manifest.FileEntry> files = new HashMap<>();
    manifest.files().forEach(f -> files.put(f.path(), f));
    Map<String, Manifest.Volume> archives = new HashMap<>();
    Map<String, Long> blobs = new HashMap<>();
    for (Manifest.Volume v : manifest.volumes()) {
      archives.put(v.archive(), v);
      v.blobs().forEach(b -> blobs.put(b.sha256(), b.size()));
    }
    Set<String> seen = new HashSet<>();
    try (GZIPInputStream gz = gzip(file);
        TarArchiveInputStream in = TarEntries.reader(gz)) {
      next(in); // the manifest, read already
      for (TarArchiveEntry e = next(in); e != null; e = next(in)) {
        String name = e.getName();
        if (!TarEntries.isRegular(e) || !seen.add(name)) {
          throw BackupProblems.bad(file + ": " + name, "unexpected entry");
        }
        {
          Sha256.In content = CheckedFile.wrap(new NonClosing(in));
          if (name.startsWith(BLOB_PREFIX)
              && blobs.containsKey(name.substring(BLOB_PREFIX.length()))) {
            String hex = name.substring(BLOB_PREFIX.length());
            visitor.blob(hex, blobs.get(hex), content);
            CheckedFile.finish(content, name, blobs.get(hex), hex);
          } else if (archives.containsKey(name)) {
            Manifest.Volume v = archives.get(name);
            for (Manifest.Blob b : v.blobs()) {
              if (!seen.contains(BLOB_PREFIX + b.sha256())) {
                throw BackupProblems.bad(file + ": " + name, "comes before its blob " + b.sha256());
              }
            }
            visitor.volume(v, content);
            CheckedFile.finish(content, name, files.get(name).size(), files.get(name).sha256());
          } else if (files.containsKey(name)) {
            visitor.file(files.get(name), content);
            CheckedFile.finish(content, name, files.get(name).size(), files.get(name).sha256());
          } else {
            throw BackupProblems.bad(file + ": " + name, "is not listed in the manifest");
          }
        }
      }
      // The outer gzip's CRC is checked only at its end.
      gz.transferTo(OutputStream.nullOutputStream());
    }
    for (String f : files.keySet()) {
      if (!seen.contains(f)) {
        throw BackupProblems.bad(file + ": " + f, "is missing (the archive is incomplete)");
      }
    }
    for (String b : blobs.keySet()) {
      if (!seen.contains(BLOB_PREFIX + b)) {
        throw BackupProblems.bad(file + ": blob " + b, "is missing (the archive is incomplete)");
      }
    }
  }

  /** The entry names this layout uses for a manifest's contents, in the order they are written. */
  public static List<String> order(Manifest m) {
    java.util.List<String> out = new java.util.ArrayList<>();
    out.add(Manifest.FILE);
    m.files().stream().filter(f -> !"volume".equals(f.role())).forEach(f -> out.add(f.path()));
    m.volumes().stream()
        .flatMap(v -> v.blobs().stream())
        .map(b -> BLOB_PREFIX + b.sha256())
        .distinct()
        .forEach(out::add);
    m.volumes().forEach(v -> out.add(v.archive()));
    return out;
  }

  /** The entry's stream without closing the archive when the visitor closes it. */
  private static final class NonClosing extends FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }

  private static TarArchiveInputStream tar(Path file) throws IOException {
    return TarEntries.reader(gzip(file));
  }

  private static GZIPInputStream gzip(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    return new GZIPInputStream(raw, 1 << 16);
  }

  private static TarArchiveEntry next(TarArchiveInputStream in) throws IOException {
    return in.getNextEntry();
  }
}
