package dev.ollamastack.backup;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The {@link VolumeDigest} of a directory as Docker's archive API sends it: how a restore checks
 * that what Docker wrote is what was sent, before the data replaces anything.
 */
public final class VolumeReadBack {
  private VolumeReadBack() {}

  /** The digest of everything below the archive's first (root) entry. */
  public static VolumeDigest digest(InputStream dockerTar) throws IOException {
    VolumeDigest d = new VolumeDigest();
    TarArchiveInputStream in = TarEntries.reader(dockerTar);
    TarArchiveEntry root = in.getNextEntry();
    if (root == null) {
      throw new IOException("Docker sent an empty archive");
    }
    String prefix = root.getName().endsWith("/") ? root.getName() : root.getName() + "/";
    for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
      String path = strip(prefix, e.getName());
      EntryMeta meta = EntryMeta.of(path, e);
      if (TarEntries.isRegular(e)) {
        Sha256.In content = new Sha256.In(in);
        content.drain();
        d.file(meta, content.count(), content.hex());
      } else if (e.isDirectory()) {
        d.directory(meta);
      } else if (e.isSymbolicLink()) {
        d.symlink(meta, e.getLinkName());
      } else if (e.isLink()) {
        d.hardLink(meta, strip(prefix, e.getLinkName()));
      } else {
        d.fifo(meta);
      }
    }
    return d;
  }

  private static String strip(String prefix, String name) {
    String n = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
  }
}
