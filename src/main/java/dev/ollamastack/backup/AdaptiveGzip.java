package dev.ollamastack.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * gzip that stops compressing what does not compress: before each large file the caller shows it
 * the file's first bytes; when a trial deflate saves under 5%, the file is stored (deflate's
 * uncompressed blocks, a copy and a CRC), else compressed at the fastest level. Embedding models in
 * Open WebUI's cache and other dense data then cost no CPU, text still shrinks. The output is plain
 * gzip: any {@code gunzip} reads it.
 */
public final class AdaptiveGzip extends GZIPOutputStream {
  /** Bytes a file must have before it is sampled; smaller ones are compressed. */
  public static final int SAMPLE = 64 * 1024;

  private int level = Deflater.BEST_SPEED;

  public AdaptiveGzip(OutputStream out) throws IOException {
    super(out, 1 << 16);
    def.setLevel(level);
  }

  /** Chooses the level for the bytes that follow, from a sample of them. */
  public void sample(byte[] head, int len) {
    int want = compresses(head, len) ? Deflater.BEST_SPEED : Deflater.NO_COMPRESSION;
    if (want != level) {
      level = want;
      def.setLevel(want); // takes effect at the next deflate call
    }
  }

  /** Back to compressing (for headers and small files). */
  public void reset() {
    if (level != Deflater.BEST_SPEED) {
      level = Deflater.BEST_SPEED;
      def.setLevel(level);
    }
  }

  static boolean compresses(byte[] head, int len) {
    Deflater d = new Deflater(Deflater.BEST_SPEED);
    try {
      d.setInput(head, 0, len);
      d.finish();
      byte[] buf = new byte[len + 64];
      int out = 0;
      while (!d.finished() && out < buf.length) {
        out += d.deflate(buf, out, buf.length - out);
      }
      return d.finished() && out < len * 0.95;
    } finally {
      d.end();
    }
  }
}
