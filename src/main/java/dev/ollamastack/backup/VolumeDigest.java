package dev.ollamastack.backup;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One digest of everything a volume holds: per entry its path, type, mode, owner, size, mtime,
 * content SHA-256, link target and xattrs. Entries are combined by adding their SHA-256s modulo
 * 2^256, so the digest does not depend on the order an archive lists them in (the older tool's
 * {@code tar} lists a directory in disk order, Docker in name order). A hard link counts as a file
 * with its target's content, so it does not matter which of the names an archive stores first.
 * Detects corruption and incomplete copies; it is no signature.
 */
public final class VolumeDigest {
  private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);

  private BigInteger sum = BigInteger.ZERO;
  private long entries;
  private long bytes;
  // Content of every file seen, for hard links that name it later (memory per file, not per byte).
  private final Map<String, String[]> files = new HashMap<>();

  /** A regular file and its content's SHA-256. */
  public void file(EntryMeta m, long size, String sha256) {
    files.put(m.path(), new String[] {sha256, Long.toString(size)});
    add('F', m, size, sha256, "");
    bytes += size;
  }

  /** A second name of a file listed before. */
  public void hardLink(EntryMeta m, String target) {
    String[] t = files.getOrDefault(target, new String[] {"?", "0"});
    long size = Long.parseLong(t[1]);
    files.put(m.path(), t);
    add('F', m, size, t[0], "");
    bytes += size;
  }

  public void directory(EntryMeta m) {
    add('D', m, 0, "", "");
  }

  /** Symlinks: Linux ignores their mode, so it is left out. */
  public void symlink(EntryMeta m, String target) {
    add('L', new EntryMeta(m.path(), 0, m.uid(), m.gid(), m.mtime(), m.xattrs()), 0, "", target);
  }

  public void fifo(EntryMeta m) {
    add('P', m, 0, "", "");
  }

  public long entries() {
    return entries;
  }

  /** Bytes of file content, hard links counted at their target's size. */
  public long bytes() {
    return bytes;
  }

  public String hex() {
    return String.format("%064x", sum);
  }

  private void add(char type, EntryMeta m, long size, String sha, String link) {
    StringBuilder line =
        new StringBuilder()
            .append(type)
            .append('\0')
            .append(m.path())
            .append('\0')
            .append(Integer.toOctalString(m.mode() & 07777))
            .append('\0')
            .append(m.uid())
            .append('\0')
            .append(m.gid())
            .append('\0')
            .append(size)
            .append('\0')
            .append(m.mtime())
            .append('\0')
            .append(sha)
            .append('\0')
            .append(link);
    new TreeMap<>(m.xattrs()).forEach((k, v) -> line.append('\0').append(k).append('=').append(v));
    byte[] h = Sha256.digest().digest(line.toString().getBytes(StandardCharsets.UTF_8));
    sum = sum.add(new BigInteger(1, h)).mod(MOD);
    entries++;
  }
}
