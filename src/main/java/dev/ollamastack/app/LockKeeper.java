package dev.ollamastack.app;

import dev.ollamastack.lock.LockFile;
import dev.ollamastack.lock.PinnedImages;
import dev.ollamastack.lock.Pinning;
import dev.ollamastack.lock.StackLock;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ToolVersion;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps the lock file in step with what an apply left running, and records every pin in the state
 * directory ({@link PinnedImages}) so that {@code cleanup} knows the stack's images later.
 */
final class LockKeeper {
  private LockKeeper() {}

  /**
   * Pins what is not pinned yet ({@link Pinning}) and writes the file when the pins changed.
   *
   * @param write {@code false} for {@code apply --locked}: the lock is the input, never rewritten
   */
  static void afterApply(
      PlannedStack planned, ObservedState after, boolean write, ApplyListener listener) {
    afterApply(planned, planned.lock(), after, write, listener);
  }

  /** As above, keeping the pins of {@code base} rather than those planned with. */
  static StackLock afterApply(
      PlannedStack planned,
      StackLock base,
      ObservedState after,
      boolean write,
      ApplyListener listener) {
    StackLock next = Pinning.after(base, planned.desired(), after);
    if (write) {
      write(planned.lockFile(), next, listener);
    }
    record(planned.stateDir(), next, listener);
    return next;
  }

  /** Writes {@code lock} unless the file already holds the same pins; tells the user. */
  static void write(Path file, StackLock lock, ApplyListener listener) {
    try {
      Optional<StackLock> onDisk = LockFile.read(file);
      boolean nothingToPin = lock.images().isEmpty() && lock.models().isEmpty();
      if (onDisk.map(l -> l.samePins(lock)).orElse(nothingToPin)) {
        return;
      }
      LockFile.write(file, lock.writtenBy(ToolVersion.get()));
      listener.notice(
          (onDisk.isPresent() ? "Updated " : "Wrote ")
              + file
              + ": "
              + count(lock.images().size(), "image")
              + " and "
              + count(lock.models().size(), "model")
              + " pinned; commit it with the stack file.");
    } catch (UncheckedIOException e) {
      listener.warning(
          "cannot write the lock file "
              + file
              + " ("
              + e.getCause().getMessage()
              + "): the stack runs, but its digests are not recorded");
    }
  }

  static void record(Path stateDir, StackLock lock, ApplyListener listener) {
    try {
      new PinnedImages(stateDir).add(Pinning.references(lock));
    } catch (UncheckedIOException e) {
      listener.warning("cannot record the pinned images in " + stateDir + ": " + e.getMessage());
    }
  }

  static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
