package dev.ollamastack.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Docker socket of the test's own that forwards to the machine's daemon, and that the test can
 * take away and give back: to a client, {@link #down()} is what a daemon restart looks like (every
 * connection, the event stream's included, ends; new ones are refused) without restarting the
 * daemon every other test and the CI run depend on.
 */
public final class DockerSocketProxy implements AutoCloseable {
  private final Path socket;
  private final Path target;
  private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocketChannel server;

  public DockerSocketProxy(Path socket, Path target) {
    this.socket = socket;
    this.target = target;
  }

  /** {@code unix://…} of the proxy's socket. */
  public String dockerHost() {
    return "unix://" + socket;
  }

  /** Listens (again). */
  public synchronized void up() {
    try {
      Files.deleteIfExists(socket);
      ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      s.bind(UnixDomainSocketAddress.of(socket));
      server = s;
      Thread.ofPlatform().daemon().name("docker-proxy-accept").start(() -> accept(s));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Goes away: the socket is closed and removed, every forwarded connection cut. */
  public synchronized void down() {
    ServerSocketChannel s = server;
    server = null;
    if (s != null) {
      closeQuietly(s);
    }
    for (SocketChannel c : open) {
      closeQuietly(c);
    }
    open.clear();
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Connections forwarded right now (both ends of each count once). */
  public int openConnections() {
    return open.size() / 2;
  }

  private void accept(ServerSocketChannel s) {
    while (s.isOpen()) {
      try {
        SocketChannel client = s.accept();
        SocketChannel daemon = SocketChannel.open(UnixDomainSocketAddress.of(target));
        open.add(client);
        open.add(daemon);
        Thread.ofPlatform().daemon().start(() -> pump(client, daemon));
        Thread.ofPlatform().daemon().start(() -> pump(daemon, client));
      } catch (IOException e) {
        return; // closed by down()
      }
    }
  }

  private void pump(SocketChannel from, SocketChannel to) {
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    try {
      while (from.read(buf) >= 0) {
        buf.flip();
        while (buf.hasRemaining()) {
          to.write(buf);
        }
        buf.clear();
      }
    } catch (IOException e) {
      // one side went: end both
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    down();
  }
}
