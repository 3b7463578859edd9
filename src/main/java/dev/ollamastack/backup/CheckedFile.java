package dev.ollamastack.backup;

import java.io.IOException;
import java.io.InputStream;

/** A backup file being read, checked against its manifest entry once the reader is done. */
final class CheckedFile {
  private CheckedFile() {}

  /**
   * Reads what the reader left of {@code in} and compares size and SHA-256 with {@code expected}
   * ({@code sha256 null}: no checksum recorded, only the size when known).
   */
  static void finish(Sha256.In in, String where, long expectedSize, String expectedSha)
      throws IOException {
    in.drain();
    if (expectedSize >= 0 && in.count() != expectedSize) {
      throw BackupProblems.bad(
          where,
          (in.count() < expectedSize ? "truncated" : "longer than recorded")
              + " ("
              + in.count()
              + " bytes, the manifest says "
              + expectedSize
              + ")");
    }
    if (expectedSha != null) {
      String actual = in.hex();
      if (!actual.equals(expectedSha)) {
        throw BackupProblems.bad(
            where,
            "checksum mismatch (sha256 " + actual + ", the manifest says " + expectedSha + ")");
      }
    }
  }

  /** Wraps {@code in} for {@link #finish}. */
  static Sha256.In wrap(InputStream in) {
    return new Sha256.In(in);
  }
}
