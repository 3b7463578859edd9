package dev.ollamastack.app.controller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Tells when the stack file or its lock file changed: the directories holding them are watched
 * (editors replace a file rather than write it in place), and a change counts only when the content
 * differs from what it was (an apply rewriting the same lock is no change).
 */
final class FileWatch implements AutoCloseable {
  private final WatchService service;
  private final Thread thread;

  private FileWatch(WatchService service, Thread thread) {
    this.service = service;
    this.thread = thread;
  }

  /** Starts watching {@code files}; {@code onChange} gets a reason, from the watch's own thread. */
  static FileWatch start(List<Path> files, Consumer<String> onChange) {
    try {
      WatchService service = FileSystems.getDefault().newWatchService();
      Map<Path, String> digests = new HashMap<>();
      Map<Path, List<Path>> byDir = new HashMap<>();
      for (Path f : files) {
        Path abs = f.toAbsolutePath().normalize();
        digests.put(abs, digest(abs));
        byDir.computeIfAbsent(abs.getParent(), d -> new java.util.ArrayList<>()).add(abs);
      }
      for (Path dir : byDir.keySet()) {
        if (Files.isDirectory(dir)) {
          dir.register(
              service,
              StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_MODIFY,
              StandardWatchEventKinds.ENTRY_DELETE);
        }
      }
      Thread t =
          Thread.ofPlatform()
              .daemon()
              .name("reconcile-file-watch")
              .start(() -> run(service, byDir, digests, onChange));
      return new FileWatch(service, t);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(
      WatchService service,
      Map<Path, List<Path>> byDir,
      Map<Path, String> digests,
      Consumer<String> onChange) {
    try {
      while (true) {
        WatchKey key = service.take();
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> e : key.pollEvents()) {
          if (!(e.context() instanceof Path name)) {
            continue; // OVERFLOW: look at every file
          }
          Path changed = dir.resolve(name);
          if (byDir.getOrDefault(dir, List.of()).contains(changed)) {
            String now = digest(changed);
            if (!Objects.equals(now, digests.get(changed))) {
              digests.put(changed, now);
              onChange.accept(changed.getFileName() + (now == null ? " was removed" : " changed"));
            }
          }
        }
        key.reset();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  /** SHA-256 of the file's content, or {@code null} when it does not exist (or cannot be read). */
  private static String digest(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (IOException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      // the thread is a daemon
    }
    thread.interrupt();
  }
}
