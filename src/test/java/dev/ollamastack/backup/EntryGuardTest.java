package dev.ollamastack.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamastack.model.ExitCode;
import dev.ollamastack.model.ToolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

/** A hostile archive never gets an entry past the guard, so nothing reaches Docker. */
class EntryGuardTest {

  private static void assertRefused(VolumeTars tars, String why) throws IOException {
    byte[] targz = tars.targz();
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    assertThatThrownBy(
            () ->
                StagingStreams.archive(
                    new StagingStreams.Sent("volumes/v.tar.gz", w -> {}),
                    new ByteArrayInputStream(targz),
                    sent,
                    n -> {}))
        .isInstanceOfSatisfying(
            ToolException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
        .hasMessageContaining(why);
  }

  @Test
  void dotDotIsRefused() throws IOException {
    assertRefused(
        new VolumeTars(".").raw("./../../etc/cron.d/x", TarConstants.LF_NORMAL, null), "'..'");
  }

  @Test
  void anAbsolutePathIsRefused() throws IOException {
    assertRefused(
        new VolumeTars(null).raw("/etc/passwd", TarConstants.LF_NORMAL, null), "absolute path");
  }

  @Test
  void writingThroughAPlantedSymlinkIsRefused() throws IOException {
    assertRefused(
        new VolumeTars(".")
            .symlink("out", "/")
            .raw("./out/etc/passwd", TarConstants.LF_NORMAL, null),
        "through the symlink out");
  }

  @Test
  void aRelativeSymlinkOutIsAlsoNeverWrittenThrough() throws IOException {
    assertRefused(
        new VolumeTars(".").symlink("up", "../../..").raw("./up/x", TarConstants.LF_NORMAL, null),
        "through the symlink up");
  }

  @Test
  void aHardLinkToAFileOutsideIsRefused() throws IOException {
    assertRefused(
        new VolumeTars(".").raw("./h", TarConstants.LF_LINK, "/etc/shadow"), "absolute path");
    assertRefused(new VolumeTars(".").raw("./h", TarConstants.LF_LINK, "../../etc/shadow"), "'..'");
    assertRefused(
        new VolumeTars(".").raw("./h", TarConstants.LF_LINK, "not-there"), "not a file earlier");
  }

  @Test
  void deviceNodesAreRefused() throws IOException {
    assertRefused(new VolumeTars(".").raw("./sda", TarConstants.LF_BLK, null), "device nodes");
  }

  @Test
  void anEntryThatReplacesACheckedOneIsRefused() throws IOException {
    assertRefused(new VolumeTars(".").file("a", "x").symlink("a", "/etc"), "appears twice");
  }

  @Test
  void symlinksThemselvesAreDataAndKeptWhateverTheyPointAt() throws IOException {
    StagingStreams.Sent s = new StagingStreams.Sent("v", w -> {});
    byte[] targz = new VolumeTars(".").symlink("abs", "/etc/passwd").symlink("rel", "../x").targz();
    StagingStreams.archive(
        s, new ByteArrayInputStream(targz), java.io.OutputStream.nullOutputStream(), n -> {});
    assertThat(s.entries()).isEqualTo(2);
  }

  @Test
  void aRelativeSymlinkLeadingAboveTheRootIsLeftToTheFixupScript() throws IOException {
    // Docker refuses to write such a link ("invalid symlink"): it is not sent, but made after.
    StagingStreams.Sent s = new StagingStreams.Sent("v", w -> {});
    byte[] targz =
        new VolumeTars(".")
            .dir("data", 0755)
            .symlink("data/up", "../../..")
            .symlink("data/in", "x")
            .targz();
    java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
    StagingStreams.archive(s, new ByteArrayInputStream(targz), sent, n -> {});
    String script = SwitchScripts.fixups("id-1", s.fixups());
    assertThat(script).contains("ln -s -- '../../..' \"$S\"/'data/up'");
    assertThat(script).doesNotContain("'data/in'");
    assertThat(StagingStreams.escapes("data/up", "../../..")).isTrue();
    assertThat(StagingStreams.escapes("a", "..")).isTrue();
    assertThat(StagingStreams.escapes("a/b", "../c")).isFalse();
    assertThat(StagingStreams.escapes("a/b", "./../../x/../y")).isTrue();
    assertThat(StagingStreams.escapes("a", "/abs")).isFalse();
  }
}
