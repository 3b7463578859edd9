package dev.ollamastack.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Tar streams as Docker's archive API (or a hostile backup) would send them, built in memory. */
final class VolumeTars {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar;
  private final String prefix;

  /**
   * @param root the first entry's name, e.g. {@code ollama-stack-volume} or {@code .}; null: none
   */
  VolumeTars(String root) throws IOException {
    tar = TarEntries.writer(bytes);
    prefix = root == null || root.equals(".") ? (root == null ? "" : "./") : root + "/";
    if (root != null) {
      dir("", 0755);
    }
  }

  static String blobName(String content) {
    return "models/blobs/sha256-" + Sha256.of(content.getBytes(StandardCharsets.UTF_8));
  }

  VolumeTars dir(String path, int mode) throws IOException {
    TarArchiveEntry e =
        new TarArchiveEntry(prefix + path + (path.isEmpty() ? "" : "/"), TarConstants.LF_DIR, true);
    if (path.isEmpty()) {
      e = new TarArchiveEntry(prefix, TarConstants.LF_DIR, true);
    }
    e.setMode(040000 | mode);
    e.setModTime(new Date(1_700_000_000_000L));
    return put(e, null);
  }

  VolumeTars file(String path, String content) throws IOException {
    return file(path, content.getBytes(StandardCharsets.UTF_8), 0644, 0, 0, e -> {});
  }

  VolumeTars file(
      String path, byte[] content, int mode, long uid, long gid, Consumer<TarArchiveEntry> more)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(prefix + path, TarConstants.LF_NORMAL, true);
    e.setMode(0100000 | mode);
    e.setUserId(uid);
    e.setGroupId(gid);
    e.setSize(content.length);
    e.setModTime(new Date(1_700_000_000_000L));
    more.accept(e);
    return put(e, content);
  }

  VolumeTars symlink(String path, String target) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(prefix + path, TarConstants.LF_SYMLINK, true);
    e.setLinkName(target);
    e.setModTime(new Date(1_700_000_000_000L));
    return put(e, null);
  }

  VolumeTars hardLink(String path, String target) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(prefix + path, TarConstants.LF_LINK, true);
    e.setLinkName(prefix + target);
    e.setModTime(new Date(1_700_000_000_000L));
    return put(e, null);
  }

  /** An entry whose name is taken verbatim (no prefix): for hostile names. */
  VolumeTars raw(String name, byte type, String link) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    if (link != null) {
      e.setLinkName(link);
    }
    if (type == TarConstants.LF_NORMAL) {
      e.setSize(4);
      return put(e, "evil".getBytes(StandardCharsets.UTF_8));
    }
    return put(e, null);
  }

  private VolumeTars put(TarArchiveEntry e, byte[] content) throws IOException {
    tar.putArchiveEntry(e);
    if (content != null) {
      tar.write(content);
    }
    tar.closeArchiveEntry();
    return this;
  }

  byte[] tar() throws IOException {
    tar.finish();
    return bytes.toByteArray();
  }

  byte[] targz() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(tar());
    }
    return out.toByteArray();
  }
}
