package dev.ollamastack.backup;

import java.io.IOException;
import java.io.InputStream;

/**
 * Receives a backup's contents in an order a restore can use: its small files, then for each volume
 * its model blobs before its archive. The source checks each stream against the manifest after the
 * visitor returns (size and SHA-256), reading what the visitor left.
 */
public interface BackupVisitor {
  /** A file such as the stack file or the secrets. */
  void file(Manifest.FileEntry file, InputStream in) throws IOException;

  /**
   * Whether {@link #blob} wants the content; when not, a backup directory only checks that each
   * blob is in the store with its size (the quick check of a backup just written, whose blobs were
   * hashed as they were stored). An archive is read whole either way.
   */
  default boolean readsBlobs() {
    return true;
  }

  /** A model blob of the store, whose content must have digest {@code sha256}. */
  void blob(String sha256, long size, InputStream in) throws IOException;

  /** The {@code .tar.gz} of a volume's entries (blobs aside). */
  void volume(Manifest.Volume volume, InputStream archive) throws IOException;
}
