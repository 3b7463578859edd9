package dev.ollamastack.backup;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Turns the tar stream Docker's archive API sends for a mounted volume into a backup: one {@code
 * .tar.gz} of its entries and, for Ollama's volume, its model blobs in the shared {@link BlobStore}
 * (a blob already stored is skipped without being written again). One pass, streamed: memory does
 * not grow with the volume's size.
 */
public final class VolumeSnapshot {
  /** Names a restore in progress leaves at a volume's top; never part of a backup. */
  public static final String STAGING_PREFIX = ".ollama-stack-restore-";

  public static final String OLD_PREFIX = ".ollama-stack-old-";
  public static final String SWITCH_PREFIX = ".ollama-stack-switching-";

  private static final int MAX_MANIFEST = 1 << 20;

  /**
   * What to take.
   *
   * @param models how to keep Ollama's blobs, or {@code null} for a volume that is not Ollama's
   */
  public record Options(
      String volume, String role, ModelsMode models, Path archive, String archiveName) {}

  /** What was taken. */
  public record Result(
      Manifest.Volume volume,
      Manifest.FileEntry archive,
      List<Manifest.ModelRef> models,
      long blobsWritten,
      long blobBytesWritten,
      long blobsReused,
      long blobBytesReused) {}

  private final BlobStore store;
  private final LongConsumer progress;
  private final Consumer<String> warnings;

  public VolumeSnapshot(BlobStore store, LongConsumer progress, Consumer<String> warnings) {
    this.store = store;
    this.progress = progress;
    this.warnings = warnings;
  }

  /** Reads Docker's archive of the mount point {@code dockerTar} into {@code opts.archive()}. */
  public Result take(InputStream dockerTar, Options opts) throws IOException {
    return take(dockerTar, opts, null);
  }

  /**
   * Like {@link #take(InputStream, Options)} for an archive taken with {@code models/blobs} hidden:
   * its files come from {@code blobs}, each read only when the store lacks it.
   */
  public Result take(InputStream dockerTar, Options opts, BlobSide blobs) throws IOException {
    State s = new State(opts);
    s.blobSide = blobs;
    try (FileOutputStream file = new FileOutputStream(opts.archive().toFile());
        Sha256.Out counted = new Sha256.Out(new BufferedOutputStream(file, 1 << 16));
        AdaptiveGzip gz = new AdaptiveGzip(counted);
        TarArchiveOutputStream out = TarEntries.writer(gz)) {
      s.gz = gz;
      TarArchiveInputStream in = TarEntries.reader(dockerTar);
      TarArchiveEntry root = in.getNextEntry();
      if (root == null || !root.isDirectory()) {
        throw new IOException("Docker sent no directory for volume " + opts.volume());
      }
      s.prefix = root.getName().endsWith("/") ? root.getName() : root.getName() + "/";
      s.root =
          new Manifest.Root(root.getMode() & 07777, root.getLongUserId(), root.getLongGroupId());
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entry(s, e, in, out);
      }
      if (blobs != null) {
        blobSide(s, blobs, out);
      }
      out.finish();
      out.flush();
      gz.finish();
      counted.flush();
      file.getChannel().force(true);
      Manifest.FileEntry archive =
          new Manifest.FileEntry(
              opts.archiveName(), counted.count(), counted.hex(), "volume", false);
      Manifest.Volume volume =
          new Manifest.Volume(
              opts.volume(),
              opts.role(),
              opts.archiveName(),
              s.digest.entries(),
              s.digest.bytes(),
              s.digest.hex(),
              s.root,
              s.blobs);
      return new Result(
          volume, archive, s.models, s.written, s.writtenBytes, s.reused, s.reusedBytes);
    }
  }

  private void entry(State s, TarArchiveEntry e, InputStream in, TarArchiveOutputStream out)
      throws IOException {
    String path = strip(s, e.getName());
    String top = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
    if (top.startsWith(SWITCH_PREFIX)) {
      throw new IOException(
          "volume "
              + s.opts.volume()
              + " is in the middle of a restore ('"
              + top
              + "' exists);"
              + " run the same 'ollama-stack restore' again to finish it");
    }
    if (top.startsWith(STAGING_PREFIX) || top.startsWith(OLD_PREFIX)) {
      if (s.leftovers.add(top)) {
        warnings.accept(
            "volume "
                + s.opts.volume()
                + ": left out "
                + top
                + " (left by an interrupted restore)");
      }
      return;
    }
    if (e.isCharacterDevice() || e.isBlockDevice()) {
      warnings.accept("volume " + s.opts.volume() + ": left out device node " + path);
      return;
    }
    EntryMeta meta = EntryMeta.of(path, e);
    if (s.opts.models() != null && TarEntries.isRegular(e)) {
      var digest = OllamaLayout.blobDigest(path);
      if (digest.isPresent()) {
        blob(s, e, meta, digest.get(), in, out);
        return;
      }
      if (OllamaLayout.isManifest(path)) {
        manifest(s, e, meta, in, out);
        return;
      }
    }
    if (s.blobSide != null && e.isDirectory() && path.equals(OllamaLayout.BLOBS_DIR)) {
      // The archive showed the empty volume hiding the directory; keep the real one's metadata.
      EntryMeta real = s.blobSide.directory();
      TarArchiveEntry d = TarEntries.copy(e, path, null, x -> {});
      d.setMode(040000 | real.mode());
      d.setUserId(real.uid());
      d.setGroupId(real.gid());
      d.setModTime(new java.util.Date(real.mtime() * 1000L));
      out.putArchiveEntry(d);
      out.closeArchiveEntry();
      s.digest.directory(
          new EntryMeta(path, real.mode(), real.uid(), real.gid(), real.mtime(), Map.of()));
      return;
    }
    String link = e.isLink() ? strip(s, e.getLinkName()) : e.getLinkName();
    if (e.isLink() && s.excluded.contains(link)) {
      s.excluded.add(path);
      return;
    }
    write(s, e, meta, link, in, out);
  }

  private void blobSide(State s, BlobSide blobs, TarArchiveOutputStream out) throws IOException {
    for (BlobSide.File f : blobs.files()) {
      String path = OllamaLayout.BLOBS + f.name();
      var digest = OllamaLayout.blobDigest(path);
      if (s.opts.models() == ModelsMode.LIST) {
        continue; // weights are pulled again: neither blobs nor partial downloads are kept
      }
      if (digest.isPresent() && store.has(digest.get()) && store.size(digest.get()) == f.size()) {
        EntryMeta meta =
            new EntryMeta(
                path, f.meta().mode(), f.meta().uid(), f.meta().gid(), f.meta().mtime(), Map.of());
        s.blobs.add(blobRef(meta, digest.get(), f.size()));
        s.digest.file(meta, f.size(), digest.get());
        s.reused++;
        s.reusedBytes += f.size();
        progress.accept(f.size());
        continue;
      }
      try (InputStream one = blobs.open(f.name())) {
        TarArchiveInputStream in = TarEntries.reader(one);
        TarArchiveEntry e = in.getNextEntry();
        if (e == null || !TarEntries.isRegular(e)) {
          throw new IOException(path + " is no longer a file");
        }
        EntryMeta meta = EntryMeta.of(path, e);
        if (digest.isPresent()) {
          blob(s, e, meta, digest.get(), in, out);
        } else {
          write(s, e, meta, null, in, out);
        }
      }
    }
  }

  private void blob(
      State s,
      TarArchiveEntry e,
      EntryMeta meta,
      String digest,
      InputStream in,
      TarArchiveOutputStream out)
      throws IOException {
    long size = e.getRealSize();
    if (s.opts.models() == ModelsMode.LIST) {
      s.excluded.add(meta.path());
      progress.accept(size); // read through unread: the archive API has no way to leave it out
      return;
    }
    if (store.has(digest) && store.size(digest) == size) {
      s.blobs.add(blobRef(meta, digest, size));
      s.digest.file(meta, size, digest);
      s.reused++;
      s.reusedBytes += size;
      progress.accept(size);
      return;
    }
    try (BlobStore.Incoming incoming = store.incoming()) {
      copy(in, incoming.stream(), size);
      String actual = incoming.finish();
      if (actual.equals(digest)) {
        incoming.commit(digest);
        s.blobs.add(blobRef(meta, digest, size));
        s.written++;
        s.writtenBytes += size;
      } else {
        // Not what its name says (damaged, or not written by Ollama): kept as an ordinary file.
        warnings.accept(
            "volume "
                + s.opts.volume()
                + ": "
                + meta.path()
                + " does not match its name"
                + " (content sha256:"
                + actual
                + "): kept as a plain file, not in the blob store");
        try (InputStream again = Files.newInputStream(incoming.file())) {
          out.putArchiveEntry(TarEntries.copy(e, meta.path(), null, x -> {}));
          again.transferTo(out);
          out.closeArchiveEntry();
        }
      }
      s.digest.file(meta, size, actual);
    }
  }

  private void manifest(
      State s, TarArchiveEntry e, EntryMeta meta, InputStream in, TarArchiveOutputStream out)
      throws IOException {
    if (e.getRealSize() > MAX_MANIFEST) {
      write(s, e, meta, null, in, out);
      return;
    }
    byte[] bytes = in.readNBytes((int) e.getRealSize());
    progress.accept(bytes.length);
    String sha = Sha256.of(bytes);
    OllamaLayout.modelName(meta.path())
        .ifPresent(n -> s.models.add(new Manifest.ModelRef(n, "sha256:" + sha)));
    if (s.opts.models() == ModelsMode.LIST) {
      s.excluded.add(meta.path()); // without its blobs a manifest is a broken model
      return;
    }
    out.putArchiveEntry(TarEntries.copy(e, meta.path(), null, lost(s, meta)));
    out.write(bytes);
    out.closeArchiveEntry();
    s.digest.file(meta, bytes.length, sha);
  }

  private void write(
      State s,
      TarArchiveEntry e,
      EntryMeta meta,
      String link,
      InputStream in,
      TarArchiveOutputStream out)
      throws IOException {
    out.putArchiveEntry(TarEntries.copy(e, meta.path(), link, lost(s, meta)));
    if (TarEntries.isRegular(e)) {
      Sha256.In content = new Sha256.In(in);
      if (e.getRealSize() >= AdaptiveGzip.SAMPLE) {
        byte[] head = content.readNBytes(AdaptiveGzip.SAMPLE);
        s.gz.sample(head, head.length);
        out.write(head);
        progress.accept(head.length);
        copy(content, out, e.getRealSize() - head.length);
      } else {
        s.gz.reset();
        copy(content, out, e.getRealSize());
      }
      s.digest.file(meta, e.getRealSize(), content.hex());
    } else if (e.isDirectory()) {
      s.digest.directory(meta);
    } else if (e.isSymbolicLink()) {
      s.digest.symlink(meta, link);
    } else if (e.isLink()) {
      s.digest.hardLink(meta, link);
    } else {
      s.digest.fifo(meta);
    }
    out.closeArchiveEntry();
  }

  private Consumer<String> lost(State s, EntryMeta meta) {
    return x ->
        warnings.accept(
            "volume "
                + s.opts.volume()
                + ": xattr "
                + x
                + " of "
                + meta.path()
                + " is not UTF-8 and cannot be kept exactly: left out");
  }

  private void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new IOException("the volume's archive ended early");
      }
      out.write(buf, 0, n);
      left -= n;
      progress.accept(n);
    }
  }

  private static Manifest.Blob blobRef(EntryMeta m, String digest, long size) {
    return new Manifest.Blob(
        m.path(), digest, size, m.mode(), m.uid(), m.gid(), m.mtime(), m.xattrs());
  }

  private static String strip(State s, String name) {
    String n = name.startsWith(s.prefix) ? name.substring(s.prefix.length()) : name;
    return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
  }

  /** gzip at its fastest level: backups are dominated by already-dense data. */
  static GZIPOutputStream gzip(OutputStream out) throws IOException {
    return new GZIPOutputStream(out, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    };
  }

  private static final class State {
    final Options opts;
    final VolumeDigest digest = new VolumeDigest();
    final List<Manifest.Blob> blobs = new ArrayList<>();
    final List<Manifest.ModelRef> models = new ArrayList<>();
    final Set<String> excluded = new HashSet<>();
    final Set<String> leftovers = new HashSet<>();
    BlobSide blobSide;
    AdaptiveGzip gz;
    String prefix;
    Manifest.Root root;
    long written;
    long writtenBytes;
    long reused;
    long reusedBytes;

    State(Options opts) {
      this.opts = opts;
    }
  }
}
