package dev.ollamastack.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Ollama's {@code models/blobs/} read on its own, when the main archive of the volume was taken
 * with that directory hidden (an empty volume mounted over it): a listing with each file's size and
 * metadata, and the file itself only when it must be read (not yet in the store). A second backup
 * of unchanged models then reads none of their bytes.
 */
public interface BlobSide {
  /** {@code models/blobs} itself, as it is in the volume (the archive showed the empty cover). */
  EntryMeta directory();

  /** Every entry of {@code models/blobs}: regular files only (else the caller reads through). */
  List<File> files();

  /** A tar holding the one file {@code name} ({@code GET /containers/{id}/archive}). */
  InputStream open(String name) throws IOException;

  /** One file of {@code models/blobs}. */
  record File(String name, long size, EntryMeta meta) {}
}
