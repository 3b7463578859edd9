package dev.ollamastack.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a producer that writes a stream on its own thread while the caller hands the reading end to
 * a consumer (an upload to Docker): bounded (a few MiB in flight whatever the size), and a failure
 * on either side ends the other instead of leaving it blocked. The producer's failure wins: it says
 * why (a checksum that did not match) where the consumer only saw the stream end.
 */
public final class StreamPipe {
  private static final int CHUNK = 256 * 1024;
  private static final int CHUNKS = 16;
  private static final byte[] END = new byte[0];

  /** Writes the stream. */
  @FunctionalInterface
  public interface Producer {
    void write(OutputStream out) throws IOException;
  }

  /** Reads the stream. */
  @FunctionalInterface
  public interface Consumer {
    void read(InputStream in) throws IOException;
  }

  private StreamPipe() {}

  public static void run(Producer producer, Consumer consumer) throws IOException {
    BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CHUNKS);
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Reader reader = new Reader(queue, failed);
    Thread thread =
        Thread.ofVirtual()
            .name("stream-pipe")
            .start(
                () -> {
                  try (Writer w = new Writer(queue, reader)) {
                    producer.write(w);
                  } catch (Throwable t) {
                    failed.compareAndSet(null, t);
                    reader.close();
                  }
                });
    Throwable consumerFailure = null;
    try {
      consumer.read(reader);
    } catch (IOException | RuntimeException e) {
      consumerFailure = e;
    } finally {
      reader.close();
      join(thread);
    }
    Throwable p = failed.get();
    if (p != null && !(p instanceof ReaderStopped)) {
      rethrow(p);
    }
    if (consumerFailure != null) {
      rethrow(consumerFailure);
    }
    if (p != null) {
      rethrow(p); // the consumer returned before the producer had written everything
    }
  }

  private static void rethrow(Throwable t) throws IOException {
    if (t instanceof IOException io) {
      throw io;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IOException(t);
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The consumer stopped reading (it failed, or is done): its own outcome says why. */
  private static final class ReaderStopped extends IOException {
    ReaderStopped() {
      super("the reading side stopped");
    }
  }

  private static final class Writer extends OutputStream {
    private final BlockingQueue<byte[]> queue;
    private final Reader reader;
    private byte[] buf = new byte[CHUNK];
    private int len;

    Writer(BlockingQueue<byte[]> queue, Reader reader) {
      this.queue = queue;
      this.reader = reader;
    }

    @Override
    public void write(int b) throws IOException {
      if (len == buf.length) {
        flush();
      }
      buf[len++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int n) throws IOException {
      while (n > 0) {
        if (len == buf.length) {
          flush();
        }
        int c = Math.min(n, buf.length - len);
        System.arraycopy(b, off, buf, len, c);
        len += c;
        off += c;
        n -= c;
      }
    }

    @Override
    public void flush() throws IOException {
      if (len > 0) {
        byte[] chunk = len == buf.length ? buf : java.util.Arrays.copyOf(buf, len);
        put(chunk);
        buf = new byte[CHUNK];
        len = 0;
      }
    }

    @Override
    public void close() throws IOException {
      flush();
      put(END);
    }

    private void put(byte[] chunk) throws IOException {
      try {
        while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
          if (reader.closed) {
            throw new ReaderStopped();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }

  private static final class Reader extends InputStream {
    private final BlockingQueue<byte[]> queue;
    private final AtomicReference<Throwable> failed;
    private volatile boolean closed;
    private byte[] chunk;
    private int pos;
    private boolean ended;

    Reader(BlockingQueue<byte[]> queue, AtomicReference<Throwable> failed) {
      this.queue = queue;
      this.failed = failed;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
      if (n == 0) {
        return 0;
      }
      while (chunk == null || pos == chunk.length) {
        if (ended) {
          return -1;
        }
        chunk = take();
        pos = 0;
        if (chunk == END) {
          ended = true;
          return -1;
        }
      }
      int c = Math.min(n, chunk.length - pos);
      System.arraycopy(chunk, pos, b, off, c);
      pos += c;
      return c;
    }

    private byte[] take() throws IOException {
      try {
        while (true) {
          byte[] c = queue.poll(100, TimeUnit.MILLISECONDS);
          if (c != null) {
            return c;
          }
          Throwable t = failed.get();
          if (t != null || closed) {
            throw new IOException(
                "the writing side failed" + (t == null ? "" : ": " + t.getMessage()), t);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }

    @Override
    public void close() {
      closed = true;
      queue.clear();
    }
  }
}
