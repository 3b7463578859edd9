package dev.ollamastack.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The listing of Ollama's {@code models/blobs/} a backup takes with a short script (names, sizes,
 * modes, owners, times: no content), so that blobs already in the store are never read. Anything
 * the listing cannot say plainly (a symlink, a directory, a name it cannot parse) makes the backup
 * read the whole directory through instead.
 */
public final class BlobListing {
  /**
   * Prints {@code dir …}, one {@code file …} line per regular file, {@code other …}, {@code end}.
   */
  public static final String SCRIPT =
      """
      cd %s || exit 3
      if [ ! -d models/blobs ] || [ -L models/blobs ]; then echo none; exit 0; fi
      echo "dir $(stat -c '%%a %%u %%g %%Y' models/blobs)"
      cd models/blobs || exit 3
      for f in * .[!.]* ..?*; do
        [ -e "$f" ] || [ -L "$f" ] || continue
        if [ -f "$f" ] && [ ! -L "$f" ]; then
          echo "file $(stat -c '%%a %%u %%g %%Y %%s' -- "$f") $f"
        else
          echo "other $f"
        fi
      done
      echo end
      """
          .formatted(VolumeAccess.MOUNT);

  private final EntryMeta directory;
  private final List<BlobSide.File> files;

  private BlobListing(EntryMeta directory, List<BlobSide.File> files) {
    this.directory = directory;
    this.files = List.copyOf(files);
  }

  public EntryMeta directory() {
    return directory;
  }

  public List<BlobSide.File> files() {
    return files;
  }

  /**
   * The listing in the script's output; empty when there is no {@code models/blobs} or the output
   * is not one this parser is sure of.
   */
  public static Optional<BlobListing> parse(String output) {
    String[] lines = output.strip().split("\n");
    if (lines.length < 2
        || !lines[0].startsWith("dir ")
        || !lines[lines.length - 1].equals("end")) {
      return Optional.empty();
    }
    String[] d = lines[0].substring(4).split(" ");
    if (d.length != 4) {
      return Optional.empty();
    }
    try {
      EntryMeta dir =
          new EntryMeta(
              OllamaLayout.BLOBS_DIR,
              Integer.parseInt(d[0], 8),
              Long.parseLong(d[1]),
              Long.parseLong(d[2]),
              Long.parseLong(d[3]),
              Map.of());
      List<BlobSide.File> files = new ArrayList<>();
      for (int i = 1; i < lines.length - 1; i++) {
        String[] f = lines[i].split(" ", 7);
        if (f.length != 7 || !f[0].equals("file") || f[6].isEmpty() || f[6].contains("/")) {
          return Optional.empty();
        }
        EntryMeta meta =
            new EntryMeta(
                OllamaLayout.BLOBS + f[6],
                Integer.parseInt(f[1], 8),
                Long.parseLong(f[2]),
                Long.parseLong(f[3]),
                Long.parseLong(f[4]),
                Map.of());
        files.add(new BlobSide.File(f[6], Long.parseLong(f[5]), meta));
      }
      return Optional.of(new BlobListing(dir, files));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
