package dev.ollamastack.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The tar streams a restore sends into a volume, made entry by entry from the backup: every entry
 * passes the {@link EntryGuard} first, so Docker only ever receives entries that stay inside the
 * volume, and the {@link VolumeDigest} of exactly what was sent is kept to compare with what Docker
 * wrote. With a discarding output the same code checks a backup without touching anything.
 */
public final class StagingStreams {
  private StagingStreams() {}

  /** What Docker's archive API cannot write as the backup has it, done by a script after it. */
  public sealed interface Fixup {
    /**
     * A file whose setuid or setgid bit Docker drops when it writes a second hard link to it (the
     * link's chown clears the bit): set again.
     */
    record Mode(String path, int mode) implements Fixup {}

    /**
     * A symlink whose relative target leads above the volume's root, which Docker refuses to write
     * ("invalid symlink"): made with {@code ln -s}, its owner and time set, and its directory's
     * time put back.
     */
    record Symlink(String path, String target, long uid, long gid, long mtime, Long parentMtime)
        implements Fixup {}
  }

  /** What has been sent into one volume. */
  public static final class Sent {
    final VolumeDigest digest = new VolumeDigest();
    final EntryGuard guard;
    final Consumer<String> warnings;
    private final Map<String, Integer> privileged = new HashMap<>();
    private final List<Fixup> fixups = new ArrayList<>();
    private final Map<String, Long> dirMtimes = new HashMap<>();
    private Manifest.Root root;

    public Sent(String source, Consumer<String> warnings) {
      this.guard = new EntryGuard(source);
      this.warnings = warnings;
    }

    public String digest() {
      return digest.hex();
    }

    public long entries() {
      return digest.entries();
    }

    public long bytes() {
      return digest.bytes();
    }

    public List<Fixup> fixups() {
      return List.copyOf(fixups);
    }

    /** The root directory's mode and owner, when the archive carried it (older backups do). */
    public Manifest.Root root() {
      return root;
    }
  }

  /** One model blob as a tar of one entry at its path in the volume. */
  public static void blob(
      Sent s, Manifest.Blob b, InputStream content, OutputStream out, LongConsumer progress)
      throws IOException {
    s.guard.preseedFile(b.path());
    TarArchiveOutputStream tar = TarEntries.writer(out);
    tar.putArchiveEntry(TarEntries.file(b.meta(), b.size()));
    copy(content, tar, b.size(), progress);
    tar.closeArchiveEntry();
    tar.finish();
    tar.flush();
    s.digest.file(b.meta(), b.size(), b.sha256());
  }

  /** A blob counted without its content (checked for presence and size only). */
  public static void blobUnread(Sent s, Manifest.Blob b) {
    s.guard.preseedFile(b.path());
    s.digest.file(b.meta(), b.size(), b.sha256());
  }

  /** A volume's {@code .tar.gz}, checked and re-emitted as a plain tar. */
  public static void archive(Sent s, InputStream targz, OutputStream out, LongConsumer progress)
      throws IOException {
    GZIPInputStream gz = new GZIPInputStream(targz, 1 << 16);
    TarArchiveInputStream in = TarEntries.reader(gz);
    TarArchiveOutputStream tar = TarEntries.writer(out);
    for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
      EntryGuard.Accepted a = s.guard.check(e);
      if (a == null) {
        s.root = new Manifest.Root(e.getMode() & 07777, e.getLongUserId(), e.getLongGroupId());
        continue;
      }
      entry(s, e, a, in, tar, progress);
    }
    // The gzip trailer (CRC-32 and length) is only checked when the stream is read to its end.
    byte[] rest = new byte[8192];
    while (gz.read(rest) >= 0) {
      // tar padding after the end-of-archive blocks
    }
    tar.finish();
    tar.flush();
  }

  private static void entry(
      Sent s,
      TarArchiveEntry e,
      EntryGuard.Accepted a,
      InputStream in,
      TarArchiveOutputStream tar,
      LongConsumer progress)
      throws IOException {
    EntryMeta meta = EntryMeta.of(a.path(), e);
    if (e.isSymbolicLink() && escapes(a.path(), a.link())) {
      s.digest.symlink(meta, a.link());
      String parent =
          a.path().contains("/") ? a.path().substring(0, a.path().lastIndexOf('/')) : null;
      s.fixups.add(
          new Fixup.Symlink(
              a.path(),
              a.link(),
              meta.uid(),
              meta.gid(),
              meta.mtime(),
              parent == null ? null : s.dirMtimes.get(parent)));
      return;
    }
    if (e.isDirectory()) {
      s.dirMtimes.put(a.path(), meta.mtime());
    }
    tar.putArchiveEntry(
        TarEntries.copy(
            e,
            a.path(),
            a.link(),
            x -> s.warnings.accept(a.path() + ": xattr " + x + " is not UTF-8: left out")));
    if (TarEntries.isRegular(e)) {
      Sha256.In content = new Sha256.In(in);
      copy(content, tar, e.getRealSize(), progress);
      s.digest.file(meta, e.getRealSize(), content.hex());
      if ((meta.mode() & 06000) != 0) {
        s.privileged.put(a.path(), meta.mode());
      }
    } else if (e.isDirectory()) {
      s.digest.directory(meta);
    } else if (e.isSymbolicLink()) {
      s.digest.symlink(meta, a.link());
    } else if (e.isLink()) {
      s.digest.hardLink(meta, a.link());
      Integer mode = s.privileged.get(a.link());
      if (mode != null) {
        s.fixups.add(new Fixup.Mode(a.link(), mode));
      }
    } else {
      s.digest.fifo(meta);
    }
    tar.closeArchiveEntry();
  }

  /** Whether a relative symlink target, read from the link's directory, leaves the root. */
  static boolean escapes(String path, String target) {
    if (target.startsWith("/")) {
      return false;
    }
    int depth = path.split("/").length - 1;
    for (String part : target.split("/")) {
      if (part.equals("..")) {
        if (--depth < 0) {
          return true;
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        depth++;
      }
    }
    return false;
  }

  static void copy(InputStream in, OutputStream out, long size, LongConsumer progress)
      throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new IOException("ended " + left + " bytes early");
      }
      out.write(buf, 0, n);
      left -= n;
      progress.accept(n);
    }
  }
}
