package dev.ollamastack.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The content-addressed store of model weights shared by every backup in a directory: {@code
 * blobs/sha256/<hex>}, each file named by the SHA-256 of its content, checked when it is written
 * (so a name in the store can be trusted without reading the file again). A blob is stored once
 * however many backups reference it; a second backup of an unchanged model volume writes none.
 */
public final class BlobStore {
  private final Path dir;

  /**
   * @param root the store ({@code <backups>/blobs})
   */
  public BlobStore(Path root) {
    this.dir = root.resolve("sha256");
  }

  public Path path(String hex) {
    if (!Sha256.HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a sha256: " + hex);
    }
    return dir.resolve(hex);
  }

  public boolean has(String hex) {
    return Files.isRegularFile(path(hex));
  }

  public long size(String hex) throws IOException {
    return Files.size(path(hex));
  }

  public InputStream open(String hex) throws IOException {
    try {
      return Files.newInputStream(path(hex));
    } catch (NoSuchFileException e) {
      throw new IOException("blob sha256:" + hex + " is missing from " + dir, e);
    }
  }

  /** The digests stored. */
  public Set<String> list() throws IOException {
    if (!Files.isDirectory(dir)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      Set<String> out = new TreeSet<>();
      s.map(p -> p.getFileName().toString())
          .filter(n -> Sha256.HEX.matcher(n).matches())
          .forEach(out::add);
      return out;
    }
  }

  public void delete(String hex) throws IOException {
    Files.deleteIfExists(path(hex));
  }

  /** Removes writes left by a backup that died before committing them. */
  public void removeIncoming() throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".incoming-")).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Starts writing a blob whose digest is known only at the end. */
  public Incoming incoming() throws IOException {
    Files.createDirectories(dir);
    Path temp = dir.resolve(".incoming-" + UUID.randomUUID());
    return new Incoming(temp);
  }

  /** A blob being written: hashed on the way, committed under its digest only if it matches. */
  public final class Incoming implements AutoCloseable {
    private final Path temp;
    private final FileChannel channel;
    private final Sha256.Out out;
    private boolean closed;

    private Incoming(Path temp) throws IOException {
      this.temp = temp;
      this.channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      this.out =
          new Sha256.Out(
              new BufferedOutputStream(
                  java.nio.channels.Channels.newOutputStream(channel), 1 << 16));
    }

    public OutputStream stream() {
      return out;
    }

    /** The file written so far (to copy it elsewhere when its digest does not match its name). */
    public Path file() {
      return temp;
    }

    /** Flushes to disk and returns the content's digest. */
    public String finish() throws IOException {
      out.flush();
      channel.force(true);
      closed = true;
      channel.close();
      return out.hex();
    }

    /** Moves the finished blob into the store under {@code hex}. */
    public void commit(String hex) throws IOException {
      Path target = path(hex);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }

    public long size() {
      return out.count();
    }

    /** Discards what was not committed. */
    @Override
    public void close() throws IOException {
      if (!closed) {
        channel.close();
      }
      Files.deleteIfExists(temp);
    }
  }
}
