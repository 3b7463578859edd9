package dev.ollamastack.backup;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Date;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Reading and writing the tar streams of volumes, the same way everywhere. */
public final class TarEntries {
  /** U+FFFD: what commons-compress leaves of an xattr value that is not UTF-8. */
  private static final char REPLACEMENT = '\uFFFD';

  private TarEntries() {}

  /** A tar writer with PAX headers for long names, big numbers and non-ASCII names. */
  public static TarArchiveOutputStream writer(OutputStream out) {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 64 * 1024);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    return tar;
  }

  public static TarArchiveInputStream reader(InputStream in) {
    return new TarArchiveInputStream(in, 64 * 1024);
  }

  /**
   * A copy of {@code e} named {@code path} (links re-pointed at {@code linkTarget}): mode, owner,
   * times, size and xattrs kept.
   *
   * @return the entry, or the entry without the xattrs that cannot be kept byte for byte (the
   *     caller is told through {@code lostXattr})
   */
  public static TarArchiveEntry copy(
      TarArchiveEntry e,
      String path,
      String linkTarget,
      java.util.function.Consumer<String> lostXattr) {
    String name = e.isDirectory() ? path + "/" : path;
    TarArchiveEntry out = new TarArchiveEntry(name, e.getLinkFlag(), true);
    out.setMode(e.getMode());
    out.setUserId(e.getLongUserId());
    out.setGroupId(e.getLongGroupId());
    out.setUserName(e.getUserName());
    out.setGroupName(e.getGroupName());
    out.setModTime(e.getModTime());
    if (e.isSymbolicLink() || e.isLink()) {
      out.setLinkName(linkTarget);
    }
    if (isRegular(e)) {
      out.setSize(e.getRealSize());
    }
    for (Map.Entry<String, String> x : e.getExtraPaxHeaders().entrySet()) {
      if (!x.getKey().startsWith(EntryMeta.XATTR)) {
        continue;
      }
      if (x.getValue().indexOf(REPLACEMENT) >= 0) {
        lostXattr.accept(x.getKey().substring(EntryMeta.XATTR.length()));
      } else {
        out.addPaxHeader(x.getKey(), x.getValue());
      }
    }
    return out;
  }

  /** An entry made from recorded metadata (a blob from the store). */
  public static TarArchiveEntry file(EntryMeta m, long size) {
    TarArchiveEntry out = new TarArchiveEntry(m.path(), TarConstants.LF_NORMAL, true);
    out.setMode(0100000 | m.mode());
    out.setUserId(m.uid());
    out.setGroupId(m.gid());
    out.setModTime(new Date(m.mtime() * 1000L));
    out.setSize(size);
    m.xattrs().forEach((k, v) -> out.addPaxHeader(EntryMeta.XATTR + k, v));
    return out;
  }

  /** A directory entry owned by root. */
  public static TarArchiveEntry directory(String path, int mode) {
    TarArchiveEntry out = new TarArchiveEntry(path + "/", TarConstants.LF_DIR, true);
    out.setMode(040000 | mode);
    out.setModTime(new Date());
    return out;
  }

  /** A regular file with content (not a link, directory, fifo or device). */
  public static boolean isRegular(TarArchiveEntry e) {
    return e.isFile() && !e.isLink() && !e.isSymbolicLink();
  }
}
