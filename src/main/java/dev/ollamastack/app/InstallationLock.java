package dev.ollamastack.app;

import dev.ollamastack.model.ToolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One apply at a time per installation: an OS file lock on {@code apply.lock}, which the kernel
 * releases when the holder dies, so a killed apply never leaves a lock that blocks forever.
 * Re-entrant for the thread that holds it: a restore or migration holds the lock from its first
 * check to the end of the apply it runs, so nothing can slip in between.
 */
public final class InstallationLock implements AutoCloseable {
  private static final java.util.Map<Path, Held> HELD =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  /** A lock this thread holds, and how many times it took it. */
  private record Held(Thread owner, int[] count) {}

  private InstallationLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock, waiting up to {@code wait}; exit 5 when another apply holds it. */
  public static InstallationLock acquire(Path file, Duration wait) {
    Path key = file.toAbsolutePath().normalize();
    Held held = HELD.get(key);
    if (held != null && held.owner() == Thread.currentThread()) {
      held.count()[0]++;
      return new InstallationLock(key, null, null);
    }
    InstallationLock taken = take(file, wait);
    HELD.put(key, new Held(Thread.currentThread(), new int[] {1}));
    return new InstallationLock(key, taken.channel, taken.lock);
  }

  private static InstallationLock take(Path file, Duration wait) {
    try {
      Files.createDirectories(file.getParent());
      FileChannel ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        FileLock l = tryLock(ch);
        if (l != null) {
          ch.truncate(0);
          ch.write(
              ByteBuffer.wrap(
                  (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)),
              0);
          return new InstallationLock(file, ch, l);
        }
        if (System.nanoTime() >= deadline) {
          String holder = Files.readString(file).trim();
          ch.close();
          throw ToolException.refused(
              "another apply is running for this installation"
                  + (holder.isEmpty() ? "" : " (pid " + holder + ")"),
              "wait for it to finish, or pass --lock-timeout 2m to wait");
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw ToolException.environment(
          "cannot take the lock " + file + ": " + e.getMessage(),
          "check the permissions of " + file.getParent());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ToolException.refused("interrupted while waiting for the lock", null);
    }
  }

  private static FileLock tryLock(FileChannel ch) throws IOException {
    try {
      return ch.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this JVM (another thread)
    }
  }

  @Override
  public void close() {
    Held held = HELD.get(key);
    if (held != null && held.owner() == Thread.currentThread() && --held.count()[0] > 0) {
      return;
    }
    HELD.remove(key);
    if (lock == null) {
      return;
    }
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the kernel releases it when the process ends anyway
    }
  }
}
