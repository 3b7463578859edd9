package dev.ollamastack.backup;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 on streams: every byte a backup reads or writes is counted and hashed on the way. */
public final class Sha256 {
  /** A SHA-256 in lower-case hex, as Ollama names its blobs. */
  public static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  private Sha256() {}

  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  public static String of(byte[] bytes) {
    return hex(digest().digest(bytes));
  }

  /** Hashes and counts what is read through it. */
  public static final class In extends FilterInputStream {
    private final MessageDigest md = digest();
    private long count;

    public In(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        md.update((byte) b);
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        md.update(b, off, n);
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // Skipped bytes must be hashed too: read them.
      byte[] buf = new byte[8192];
      long left = n;
      while (left > 0) {
        int r = read(buf, 0, (int) Math.min(buf.length, left));
        if (r < 0) {
          break;
        }
        left -= r;
      }
      return n - left;
    }

    /** Reads to the end, so the hash covers the whole stream. */
    public In drain() throws IOException {
      byte[] buf = new byte[64 * 1024];
      while (read(buf, 0, buf.length) >= 0) {
        // hashing only
      }
      return this;
    }

    public long count() {
      return count;
    }

    public String hex() {
      return Sha256.hex(md.digest());
    }
  }

  /** Hashes and counts what is written through it. */
  public static final class Out extends FilterOutputStream {
    private final MessageDigest md = digest();
    private long count;

    public Out(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      md.update((byte) b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      md.update(b, off, len);
      count += len;
    }

    public long count() {
      return count;
    }

    public String hex() {
      return Sha256.hex(md.digest());
    }
  }
}
