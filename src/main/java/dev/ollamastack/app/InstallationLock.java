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
 */
public final class InstallationLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private InstallationLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock, waiting up to {@code wait}; exit 5 when another apply holds it. */
  public static InstallationLock acquire(Path file, Duration wait) {
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
          return new InstallationLock(ch, l);
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
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the kernel releases it when the process ends anyway
    }
  }
}
