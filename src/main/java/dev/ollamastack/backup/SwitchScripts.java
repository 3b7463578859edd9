package dev.ollamastack.backup;

import java.util.List;

/**
 * The shell scripts a restore runs as root in a helper container with the volume at {@link
 * VolumeAccess#MOUNT}. Docker cannot rename a volume, so the new data is staged in a hidden
 * directory inside the volume (same filesystem) while the old data stays in place; the switch is
 * then only renames: the old entries into {@code .ollama-stack-old-<id>}, a marker, the staged
 * entries to the top, the old ones deleted. Every script first finishes what an interrupted one
 * left: a switch with its marker is completed (its data was verified before the marker was
 * written), one without is rolled back (the old entries return), stale staging is removed. POSIX
 * {@code sh} with {@code mv}, {@code rm}, {@code mkdir}, {@code chmod}, {@code chown} only: every
 * image of the stack has them.
 */
public final class SwitchScripts {
  private SwitchScripts() {}

  private static final String COMMON =
      """
      set -eu
      cd %s
      R=%s; O=%s; M=%s
      top() { for e in * .[!.]* ..?*; do [ -e "$e" ] || [ -L "$e" ] || continue; echo "$e"; done; }
      ours() { case "$1" in "$R"*|"$O"*|"$M"*) return 0 ;; esac; return 1; }
      movein() {
        if [ -d "$R$1" ]; then
          (cd "$R$1" && top) | while IFS= read -r e; do mv -f -- "$R$1/$e" ./; done
          rmdir "$R$1"
        fi
        rm -rf "$O$1"; rm -f "$M$1"
      }
      rollback() {
        (cd "$O$1" && top) | while IFS= read -r e; do mv -f -- "$O$1/$e" ./; done
        rmdir "$O$1"
      }
      for m in "$M"*; do [ -e "$m" ] && movein "${m#"$M"}"; done
      for o in "$O"*; do [ -d "$o" ] && rollback "${o#"$O"}"; done
      """
          .formatted(
              VolumeAccess.MOUNT,
              VolumeSnapshot.STAGING_PREFIX,
              VolumeSnapshot.OLD_PREFIX,
              VolumeSnapshot.SWITCH_PREFIX);

  /** Finishes or rolls back what an interrupted restore left, and removes stale staging. */
  public static String clean() {
    return COMMON + "for r in \"$R\"*; do [ -e \"$r\" ] && rm -rf \"$r\"; done\nexit 0\n";
  }

  /** Removes the staging of {@code id} only (a restore that failed before its switch). */
  public static String discard(String id) {
    return COMMON + "rm -rf \"${R}" + id(id) + "\"\nexit 0\n";
  }

  /** Does what Docker could not while writing the staged data: modes, symlinks leading out. */
  public static String fixups(String id, List<StagingStreams.Fixup> fixups) {
    StringBuilder s = new StringBuilder(COMMON);
    s.append("S=\"${R}").append(id(id)).append("\"\n");
    for (StagingStreams.Fixup f : fixups) {
      switch (f) {
        case StagingStreams.Fixup.Mode m ->
            s.append("chmod ")
                .append(Integer.toOctalString(m.mode()))
                .append(" -- \"$S\"/")
                .append(quote(m.path()))
                .append('\n');
        case StagingStreams.Fixup.Symlink l -> {
          String path = "\"$S\"/" + quote(l.path());
          s.append("ln -s -- ").append(quote(l.target())).append(' ').append(path).append('\n');
          s.append("chown -h ")
              .append(l.uid())
              .append(':')
              .append(l.gid())
              .append(' ')
              .append(path)
              .append('\n');
          s.append("touch -h -d @").append(l.mtime()).append(' ').append(path).append('\n');
          if (l.parentMtime() != null) {
            String parent = l.path().substring(0, l.path().lastIndexOf('/'));
            s.append("touch -h -d @")
                .append(l.parentMtime())
                .append(" \"$S\"/")
                .append(quote(parent))
                .append('\n');
          }
        }
      }
    }
    return s.append("exit 0\n").toString();
  }

  /** Replaces the volume's content by the staged data of {@code id}; the root gets {@code root}. */
  public static String switchIn(String id, Manifest.Root root) {
    String i = id(id);
    StringBuilder s = new StringBuilder(COMMON);
    s.append("[ -d \"${R}").append(i).append("\" ] || { echo \"no staged data\" >&2; exit 3; }\n");
    s.append("mkdir \"${O}").append(i).append("\"\n");
    s.append("top | while IFS= read -r e; do ours \"$e\" || mv -f -- \"$e\" \"${O}")
        .append(i)
        .append("/\"; done\n");
    // From here on the staged data wins: an interrupted run is completed, not rolled back.
    s.append(": > \"${M}").append(i).append("\"\n");
    s.append("sync 2>/dev/null || true\n");
    s.append("movein \"").append(i).append("\"\n");
    if (root != null) {
      s.append("chown ").append(root.uid()).append(':').append(root.gid()).append(" .\n");
      s.append("chmod ").append(Integer.toOctalString(root.mode())).append(" .\n");
    }
    return s.append("sync 2>/dev/null || true\nexit 0\n").toString();
  }

  private static String id(String id) {
    if (!id.matches("[A-Za-z0-9-]+")) {
      throw new IllegalArgumentException("not a staging id: " + id);
    }
    return id;
  }

  /** A single-quoted shell word. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
