package dev.ollamastack.backup;

import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * What a volume entry carries besides its content.
 *
 * @param path relative to the volume root, no leading {@code ./}, no trailing slash
 * @param mode permission bits including setuid, setgid and sticky
 * @param mtime modification time in whole seconds (what a tar header holds)
 * @param xattrs extended attributes as tar PAX records carry them ({@code security.capability})
 */
public record EntryMeta(
    String path, int mode, long uid, long gid, long mtime, Map<String, String> xattrs) {
  static final String XATTR = "SCHILY.xattr.";

  public EntryMeta {
    xattrs =
        xattrs == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(xattrs));
  }

  /** The metadata of a tar entry, under {@code path}. */
  public static EntryMeta of(String path, TarArchiveEntry e) {
    Map<String, String> x = new TreeMap<>();
    e.getExtraPaxHeaders()
        .forEach(
            (k, v) -> {
              if (k.startsWith(XATTR)) {
                x.put(k.substring(XATTR.length()), v);
              }
            });
    return new EntryMeta(
        path, e.getMode() & 07777, e.getLongUserId(), e.getLongGroupId(), mtime(e), x);
  }

  static long mtime(TarArchiveEntry e) {
    return Math.floorDiv(e.getModTime().getTime(), 1000L);
  }
}
