package dev.ollamastack.backup;

import dev.ollamastack.model.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Checks a whole backup without touching anything: every file against its size and SHA-256, every
 * blob against its own digest, every archive entry through the {@link EntryGuard}, and each
 * volume's {@link VolumeDigest} against the one recorded. It runs the same stream code as a
 * restore, into a discarding output, so what passes here is exactly what a restore would send.
 */
public final class BackupVerifier {
  private static final int MAX_FILE = 1 << 20;

  private BackupVerifier() {}

  /**
   * What was checked.
   *
   * @param files the small files (stack file, lock, secrets) by path, for the restore to write
   */
  public record Verified(
      BackupSource source, Map<String, byte[]> files, long entries, long bytes) {}

  /**
   * @param readBlobs hash every blob ({@code false}: presence and size only, for a backup just
   *     written)
   * @throws ToolException exit 3 naming the first problem
   */
  public static Verified verify(
      BackupSource source, boolean readBlobs, LongConsumer progress, Consumer<String> warnings) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    Map<String, StagingStreams.Sent> sent = new LinkedHashMap<>();
    List<ToolException> damaged = new ArrayList<>();
    Manifest m = source.manifest();
    BackupVisitor visitor =
        new BackupVisitor() {
          @Override
          public void file(Manifest.FileEntry f, InputStream in) throws IOException {
            byte[] b = in.readNBytes(MAX_FILE + 1);
            if (b.length > MAX_FILE) {
              throw BackupProblems.bad(
                  f.path(), "is larger than 1 MiB: not a file a backup writes");
            }
            files.put(f.path(), b);
            progress.accept(b.length);
          }

          @Override
          public boolean readsBlobs() {
            return readBlobs;
          }

          @Override
          public void blob(String sha256, long size, InputStream in) throws IOException {
            boolean read = false;
            for (Manifest.Volume v : m.volumes()) {
              for (Manifest.Blob b : v.blobs()) {
                if (b.sha256().equals(sha256)) {
                  StagingStreams.Sent s = sent(v);
                  if (readBlobs && !read) {
                    StagingStreams.blob(s, b, in, OutputStream.nullOutputStream(), progress);
                    read = true;
                  } else {
                    StagingStreams.blobUnread(s, b);
                  }
                }
              }
            }
          }

          @Override
          public void volume(Manifest.Volume v, InputStream archive) throws IOException {
            StagingStreams.Sent s = sent(v);
            try {
              StagingStreams.archive(s, archive, OutputStream.nullOutputStream(), progress);
            } catch (IOException e) {
              // Reported after the source compared the file with its checksum, which says more.
              damaged.add(
                  BackupProblems.bad(
                      v.archive(), "is corrupt or truncated (" + e.getMessage() + ")"));
              archive.transferTo(OutputStream.nullOutputStream());
              return;
            }
            if (v.contentSha256() != null && !v.contentSha256().equals(s.digest())) {
              throw BackupProblems.bad(
                  v.archive(),
                  "its content does not match the digest recorded for volume " + v.name());
            }
          }

          private StagingStreams.Sent sent(Manifest.Volume v) {
            return sent.computeIfAbsent(
                v.name(), n -> new StagingStreams.Sent(v.archive(), warnings));
          }
        };
    try {
      source.visit(visitor);
    } catch (ToolException e) {
      throw e;
    } catch (IOException e) {
      throw BackupProblems.bad(source.describe(), "cannot be read (" + e.getMessage() + ")");
    }
    if (!damaged.isEmpty()) {
      throw damaged.get(0);
    }
    long entries = sent.values().stream().mapToLong(StagingStreams.Sent::entries).sum();
    long bytes = sent.values().stream().mapToLong(StagingStreams.Sent::bytes).sum();
    return new Verified(source, files, entries, bytes);
  }
}
