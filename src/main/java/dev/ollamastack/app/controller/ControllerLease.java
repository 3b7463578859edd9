package dev.ollamastack.app.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.model.ToolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * One watching controller per installation: an OS lock on {@code controller.lock} in the state
 * directory, held for as long as {@code reconcile --watch} runs (the kernel drops it when the
 * process dies, so a killed controller never looks alive), with what {@code status} shows written
 * into it: the pid, when it started, its last pass.
 */
public final class ControllerLease implements AutoCloseable {
  static final String FILE = "controller.lock";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileChannel channel;
  private final FileLock lock;
  private final long pid;
  private final Instant started;

  /** What {@code status} reads: a watching controller, or none. */
  public record Watcher(long pid, Instant started, Instant lastPass, String lastResult) {}

  private ControllerLease(FileChannel channel, FileLock lock, long pid, Instant started) {
    this.channel = channel;
    this.lock = lock;
    this.pid = pid;
    this.started = started;
  }

  /** Takes the lease; exit 5 when another controller watches this installation. */
  public static ControllerLease take(Path stateDir, Instant now) {
    Path file = stateDir.resolve(FILE);
    try {
      Files.createDirectories(stateDir);
      FileChannel ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        ch.close();
        String holder = watcher(stateDir).map(w -> " (pid " + w.pid() + ")").orElse("");
        throw ToolException.refused(
            "a controller is already watching this installation" + holder,
            "stop it first, or use 'reconcile --once' for a single pass");
      }
      ControllerLease lease = new ControllerLease(ch, l, ProcessHandle.current().pid(), now);
      lease.record(null, null);
      return lease;
    } catch (IOException e) {
      throw ToolException.environment(
          "cannot take the controller lock " + file + ": " + e.getMessage(),
          "check the permissions of " + stateDir);
    }
  }

  /** Writes the last pass into the lease, for {@code status}. */
  void record(Instant lastPass, String lastResult) {
    ObjectNode n = JSON.createObjectNode();
    n.put("pid", pid);
    n.put("started", started.toString());
    if (lastPass != null) {
      n.put("lastPass", lastPass.toString());
      n.put("lastResult", lastResult);
    }
    try {
      byte[] bytes = (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
      // Written over the old record, then cut to length: the file is never empty while watched
      // (a reader parses the first JSON object, and reads again while a write is half done).
      channel.write(ByteBuffer.wrap(bytes), 0);
      channel.truncate(bytes.length);
    } catch (IOException e) {
      // status then shows less; watching goes on
    }
  }

  /**
   * The controller watching the installation whose state directory this is, if one is: only a lock
   * that is held counts (a file left by a killed controller does not).
   */
  public static Optional<Watcher> watcher(Path stateDir) {
    Path file = stateDir.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock probe;
      try {
        probe = ch.tryLock(0, Long.MAX_VALUE, false);
      } catch (OverlappingFileLockException e) {
        probe = null; // this JVM holds it: watching
      }
      if (probe != null) {
        probe.release();
        return Optional.empty();
      }
      // Held: watching. Its record may be half written this very moment: read it again then.
      for (int attempt = 0; ; attempt++) {
        Optional<Watcher> w = parse(Files.readString(file));
        if (w.isPresent() || attempt >= 50) {
          return Optional.of(w.orElse(new Watcher(0, null, null, null)));
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.of(new Watcher(0, null, null, null));
        }
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The record, or empty while it is being written (no complete object with a pid yet). */
  private static Optional<Watcher> parse(String text) {
    try {
      var n = JSON.readTree(text);
      if (n == null || n.path("pid").asLong(0) == 0) {
        return Optional.empty();
      }
      return Optional.of(
          new Watcher(
              n.path("pid").asLong(0),
              n.hasNonNull("started") ? Instant.parse(n.get("started").asText()) : null,
              n.hasNonNull("lastPass") ? Instant.parse(n.get("lastPass").asText()) : null,
              n.hasNonNull("lastResult") ? n.get("lastResult").asText() : null));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
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
