package dev.ollamastack.backup;

import dev.ollamastack.model.ToolException;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Decides, entry by entry, whether an archive may be written into a volume: a backup is input, and
 * a hostile one ({@code ../}, absolute paths, writing through a symlink it planted, hard links to
 * files outside it, device nodes) must never reach anything outside the volume. Symlinks themselves
 * are data and kept whatever they point at; nothing is ever written through one. One guard per
 * archive; it remembers the paths it accepted (memory grows with the number of entries, not their
 * size).
 */
public final class EntryGuard {
  private final String source;
  private final Set<String> seen = new HashSet<>();
  private final Set<String> symlinks = new HashSet<>();
  private final Set<String> files = new HashSet<>();

  /**
   * @param source the archive's name in messages ({@code volumes/x.tar.gz})
   */
  public EntryGuard(String source) {
    this.source = source;
  }

  /**
   * An accepted entry.
   *
   * @param path relative to the volume
   * @param link a hard link's target relative to the volume, a symlink's target verbatim, else
   *     {@code null}
   */
  public record Accepted(String path, String link) {}

  /** Marks a file written before this archive (a blob from the store): hard links may name it. */
  public void preseedFile(String path) {
    seen.add(path);
    files.add(path);
  }

  /**
   * The entry's place in the volume, or {@code null} for the volume's root directory.
   *
   * @throws ToolException exit 3 naming the entry when it is hostile or malformed
   */
  public Accepted check(TarArchiveEntry e) {
    String path = normalize(e.getName(), e.getName());
    if (path == null) {
      if (!e.isDirectory()) {
        throw refuse(e.getName(), "the volume's root is not a directory");
      }
      return null;
    }
    if (e.isCharacterDevice() || e.isBlockDevice()) {
      throw refuse(e.getName(), "device nodes are never restored into a volume");
    }
    if (!(e.isDirectory() || e.isSymbolicLink() || e.isLink() || e.isFIFO() || e.isFile())) {
      throw refuse(e.getName(), "unsupported entry type '" + (char) e.getLinkFlag() + "'");
    }
    for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      if (symlinks.contains(path.substring(0, slash))) {
        throw refuse(
            e.getName(), "it would be written through the symlink " + path.substring(0, slash));
      }
    }
    if (!seen.add(path)) {
      throw refuse(e.getName(), "it appears twice (a second entry could replace a checked one)");
    }
    if (e.isLink()) {
      String target = normalize(e.getLinkName(), e.getName());
      if (target == null || !files.contains(target)) {
        throw refuse(
            e.getName(),
            "hard link to '" + e.getLinkName() + "', which is not a file earlier in the archive");
      }
      return new Accepted(path, target);
    }
    if (e.isSymbolicLink()) {
      symlinks.add(path);
      return new Accepted(path, e.getLinkName());
    }
    if (!e.isDirectory() && !e.isFIFO()) {
      files.add(path);
    }
    return new Accepted(path, null);
  }

  /** {@code ./a//b/} → {@code a/b}; {@code null} for the root; refused when it leaves the root. */
  private String normalize(String name, String entry) {
    if (name == null || name.isEmpty()) {
      throw refuse(entry, "empty name");
    }
    if (name.startsWith("/")) {
      throw refuse(entry, "absolute path");
    }
    if (name.indexOf('\0') >= 0) {
      throw refuse(entry, "NUL in its name");
    }
    StringBuilder out = new StringBuilder();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw refuse(entry, "'..' would leave the volume");
      }
      if (!out.isEmpty()) {
        out.append('/');
      }
      out.append(part);
    }
    return out.isEmpty() ? null : out.toString();
  }

  private ToolException refuse(String entry, String why) {
    return BackupProblems.bad(source + ": entry '" + printable(entry) + "'", "refused: " + why);
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .forEach(
            c -> b.append(c < 0x20 || c == 0x7f ? "\\x%02x".formatted(c) : Character.toString(c)));
    return b.length() > 200 ? b.substring(0, 200) + "…" : b.toString();
  }
}
