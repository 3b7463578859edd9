package dev.ollamastack.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Restores one volume beside its current data, checks it, then switches: {@link #prepare} (finish
 * or roll back an interrupted restore, make the hidden staging directory), {@link #blob} and {@link
 * #archive} (stream the backup in, every entry checked), {@link #verify} (read it back and compare
 * the digest with what was sent and what the backup recorded), {@link #switchIn} (renames only).
 * Until the switch, the volume's data is untouched; {@link #discard} removes the staging.
 */
public final class VolumeRestore {
  private final VolumeAccess access;
  private final String id;
  private final String volume;
  private final String image;
  private final String expected;
  private final StagingStreams.Sent sent;
  private String helper;

  /**
   * @param id this restore's staging id ({@code [A-Za-z0-9-]+})
   * @param expected the digest the backup recorded for the volume, or {@code null} (older backups)
   */
  public VolumeRestore(
      VolumeAccess access,
      String id,
      String volume,
      String image,
      String expected,
      Consumer<String> warnings) {
    this.access = access;
    this.id = id;
    this.volume = volume;
    this.image = image;
    this.expected = expected;
    this.sent = new StagingStreams.Sent("volume " + volume, warnings);
  }

  public String volume() {
    return volume;
  }

  public String staging() {
    return VolumeSnapshot.STAGING_PREFIX + id;
  }

  public void prepare() throws IOException {
    access.run(volume, image, SwitchScripts.clean(), "cleaning up an earlier restore");
    helper = access.helper(volume, image);
    access.write(
        helper,
        "",
        out -> {
          TarArchiveOutputStream tar = TarEntries.writer(out);
          tar.putArchiveEntry(TarEntries.directory(staging(), 0700));
          tar.closeArchiveEntry();
          tar.finish();
        });
  }

  public void blob(Manifest.Blob b, InputStream content, LongConsumer progress) throws IOException {
    access.write(helper, staging(), out -> StagingStreams.blob(sent, b, content, out, progress));
  }

  public void archive(InputStream targz, LongConsumer progress) throws IOException {
    access.write(helper, staging(), out -> StagingStreams.archive(sent, targz, out, progress));
  }

  /** Fixes what Docker dropped, then reads the staged data back and compares digests. */
  public void verify() throws IOException {
    List<StagingStreams.Fixup> fixups = sent.fixups();
    if (!fixups.isEmpty()) {
      access.run(volume, image, SwitchScripts.fixups(id, fixups), "restoring setuid/setgid bits");
    }
    if (expected != null && !expected.equals(sent.digest())) {
      throw new IOException(
          "volume " + volume + ": what was sent does not match the backup's digest");
    }
    VolumeDigest back;
    try (InputStream in = access.read(helper, staging())) {
      back = VolumeReadBack.digest(in);
    }
    if (!back.hex().equals(sent.digest())) {
      throw new IOException(
          "volume "
              + volume
              + ": Docker wrote something else than was sent ("
              + back.entries()
              + " entries and "
              + back.bytes()
              + " bytes read back, "
              + sent.entries()
              + " and "
              + sent.bytes()
              + " sent)");
    }
  }

  /** Replaces the volume's data by the staged data; the volume's users must be stopped. */
  public void switchIn(Manifest.Root root) {
    Manifest.Root r = root != null ? root : sent.root();
    access.run(volume, image, SwitchScripts.switchIn(id, r), "switching to the restored data");
  }

  /** Removes the staging; the volume's data stays as it was. */
  public void discard() {
    access.run(volume, image, SwitchScripts.discard(id), "removing the staged data");
  }

  public long bytes() {
    return sent.bytes();
  }

  public long entries() {
    return sent.entries();
  }
}
