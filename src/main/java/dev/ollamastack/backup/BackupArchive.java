package dev.ollamastack.backup;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Packs a backup directory and the blobs it references into one self-contained {@code .tar.gz}
 * ({@code backup --archive}) in the order {@link ArchiveSource} reads: manifest, files, blobs,
 * volume archives. The manifest inside points at the blobs inside.
 */
public final class BackupArchive {
  private BackupArchive() {}

  public static void pack(Path dir, Manifest m, BlobStore store, Path target, LongConsumer progress)
      throws IOException {
    Manifest inside = m.withBlobStore(Manifest.STORE_INSIDE);
    try (FileOutputStream file = new FileOutputStream(target.toFile());
        AdaptiveGzip gz = new AdaptiveGzip(new BufferedOutputStream(file, 1 << 16));
        TarArchiveOutputStream tar = TarEntries.writer(gz)) {
      byte[] manifest = ManifestJson.write(inside);
      put(
          tar,
          gz,
          Manifest.FILE,
          manifest.length,
          0644,
          new java.io.ByteArrayInputStream(manifest),
          progress);
      for (Manifest.FileEntry f : m.files()) {
        if (!"volume".equals(f.role())) {
          copy(tar, gz, f.path(), dir.resolve(f.path()), f.sensitive() ? 0600 : 0644, progress);
        }
      }
      java.util.Set<String> written = new java.util.HashSet<>();
      for (Manifest.Volume v : m.volumes()) {
        for (Manifest.Blob b : v.blobs()) {
          if (written.add(b.sha256())) {
            try (InputStream in = store.open(b.sha256())) {
              put(tar, gz, "blobs/sha256/" + b.sha256(), b.size(), 0644, in, progress);
            }
          }
        }
      }
      for (Manifest.Volume v : m.volumes()) {
        copy(tar, gz, v.archive(), dir.resolve(v.archive()), 0644, progress);
      }
      tar.finish();
      gz.finish();
      file.getChannel().force(true);
    }
  }

  private static void copy(
      TarArchiveOutputStream tar,
      AdaptiveGzip gz,
      String name,
      Path p,
      int mode,
      LongConsumer progress)
      throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      put(tar, gz, name, Files.size(p), mode, in, progress);
    }
  }

  private static void put(
      TarArchiveOutputStream tar,
      AdaptiveGzip gz,
      String name,
      long size,
      int mode,
      InputStream in,
      LongConsumer progress)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
    e.setSize(size);
    e.setMode(0100000 | mode);
    e.setModTime(new Date());
    tar.putArchiveEntry(e);
    if (size >= AdaptiveGzip.SAMPLE) {
      byte[] head = in.readNBytes(AdaptiveGzip.SAMPLE);
      gz.sample(head, head.length);
      tar.write(head);
      StagingStreams.copy(in, tar, size - head.length, progress);
    } else {
      gz.reset();
      StagingStreams.copy(in, tar, size, progress);
    }
    tar.closeArchiveEntry();
  }
}
