package dev.ollamastack.lock;

import dev.ollamastack.config.StatePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every {@code name@sha256:…} this installation's lock has pinned, kept in the state directory
 * ({@code pinned-images.txt}). Pulled images carry no label of ours, so this is how {@code cleanup}
 * and {@code uninstall --remove-images} know which images are the stack's: a digest the lock no
 * longer pins is one this tool pulled for it, never one of the user's other images.
 */
public final class PinnedImages {
  public static final String FILE = "pinned-images.txt";

  private static final String HEADER =
      "# Image digests the lock of this installation has pinned (cleanup removes unused ones).\n";

  private final Path file;

  public PinnedImages(Path stateDir) {
    this.file = stateDir.resolve(FILE);
  }

  /** The references recorded, sorted; empty when nothing was ever pinned. */
  public Set<String> read() {
    Set<String> out = new TreeSet<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          out.add(l);
        }
      }
    } catch (NoSuchFileException e) {
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  /** Records {@code refs} ({@code name@sha256:…}) as pinned by this installation. */
  public void add(Collection<String> refs) {
    Set<String> all = read();
    if (all.addAll(refs)) {
      write(all);
    }
  }

  /** Forgets {@code refs}: they are gone from the engine. */
  public void remove(Collection<String> refs) {
    Set<String> all = read();
    if (all.removeAll(refs)) {
      write(all);
    }
  }

  private void write(Set<String> refs) {
    StringBuilder sb = new StringBuilder(HEADER);
    refs.forEach(r -> sb.append(r).append('\n'));
    StatePaths.writeAtomically(file, sb.toString(), StatePaths.PRIVATE_FILE);
  }
}
