package dev.ollamastack.testsupport;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes volumes the way a user would check them, with plain {@code docker run}: every
 * entry's type, mode, owner, size, mtime, link count, content digest and link target, so two
 * listings are equal exactly when the data is.
 */
public final class VolumeFiles {
  private static final String LIST =
      """
      cd /d && find . | LC_ALL=C sort | while IFS= read -r f; do
        h=-; if [ -f "$f" ] && [ ! -L "$f" ]; then h=$(sha256sum "$f" | cut -d' ' -f1); fi
        l=-; if [ -L "$f" ]; then l=$(readlink "$f"); fi
        echo "$f|$(stat -c '%F|%a|%u|%g|%s|%Y|%h' "$f")|$h|$l"
      done
      """;

  private VolumeFiles() {}

  /** Runs {@code script} as root with the volume at {@code /d}. */
  public static String run(String volume, String script) {
    return DockerCli.run(
        "run",
        "--rm",
        "--entrypoint",
        "sh",
        "-v",
        volume + ":/d",
        StandInImages.ollama(),
        "-c",
        script);
  }

  /**
   * Every entry, one line each. The root's mtime is left out: a restore moves entries into it,
   * which is what a directory's mtime records.
   */
  public static List<String> listing(String volume) {
    return Arrays.stream(run(volume, LIST).split("\n"))
        .map(l -> l.startsWith(".|") ? withoutMtime(l) : l)
        .collect(Collectors.toList());
  }

  private static String withoutMtime(String line) {
    String[] f = line.split("\\|", -1);
    f[6] = "(root mtime)";
    return String.join("|", f);
  }

  /**
   * Files of every kind a restore must bring back: binary, empty, sparse, symlinks in and out, hard
   * links (one to a setuid file), a fifo, odd modes and owners, long and odd names.
   */
  public static final String EVERY_KIND =
      """
      set -e
      cd /d
      mkdir -p data/deep/er "dir with space" empty-dir
      head -c 300000 /dev/urandom > data/random.bin
      : > data/empty
      truncate -s 20M data/sparse && echo tail >> data/sparse
      printf 'hello\\n' > data/text.txt
      ln -s text.txt data/link-in
      ln -s /etc/passwd data/link-out
      ln -s ../../.. data/link-up
      ln data/text.txt data/hardlink
      head -c 1000 /dev/urandom > data/tool && chmod 4755 data/tool && ln data/tool data/tool-alias
      mkfifo data/fifo
      echo x > "dir with space/é ü ✓"
      echo y > data/deep/er/$(printf 'n%.0s' $(seq 1 150))
      chown 1234:5678 data/random.bin && chmod 640 data/random.bin
      chown -h 4321:8765 data/link-in
      chmod 1777 empty-dir
      chmod 700 data/deep
      touch -d '2001-02-03 04:05:06' data/text.txt data/deep/er
      """;
}
