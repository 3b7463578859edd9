package dev.ollamastack.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore killed at any point of its switch (kill -9, power loss) is finished or rolled back by
 * the next run, never left half old, half new: the switch script is cut after each of its commands
 * and inside its move loops, then the clean-up every later script starts with is run, and the
 * volume must hold exactly the old data (cut before the marker) or exactly the new (after it). The
 * scripts run with the host's {@code sh} on a directory standing in for the volume.
 */
class SwitchScriptsTest {
  private static final String ID = "20261201T220000Z-abc123";
  private static final Map<String, String> OLD =
      Map.of("a.txt", "old-a", "dir/b", "old-b", ".hidden", "old-h");
  private static final Map<String, String> NEW =
      Map.of("a.txt", "new-a", "dir/c", "new-c", "new.txt", "new");

  @TempDir Path vol;

  @BeforeEach
  void setUp() throws IOException {
    write(vol, OLD);
    write(vol.resolve(VolumeSnapshot.STAGING_PREFIX + ID), NEW);
  }

  private static void write(Path root, Map<String, String> files) throws IOException {
    for (var f : files.entrySet()) {
      Path p = root.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
  }

  private String here(String script) {
    return script.replace("cd " + VolumeAccess.MOUNT + "\n", "cd '" + vol + "'\n");
  }

  private void sh(String script) throws Exception {
    assertThat(run(script)).isZero();
  }

  /**
   * A script cut short, as a killed one is: its exit status means nothing (the last command run may
   * be a test that failed), only what it left in the volume does.
   */
  private void cut(List<String> lines, int end) throws Exception {
    run(String.join("\n", lines.subList(0, end)) + "\n");
  }

  private int run(String script) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", here(script)).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  private Map<String, String> contents() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(vol)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(vol.relativize(p).toString(), Files.readString(p));
      }
    }
    return out;
  }

  private List<String> switchLines() {
    return Arrays.asList(SwitchScripts.switchIn(ID, null).split("\n"));
  }

  private int firstOwnLine(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("[ -d \"${R}")) {
        return i;
      }
    }
    throw new AssertionError("no switch command in " + lines);
  }

  private int markerLine(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(": > \"${M}")) {
        return i;
      }
    }
    throw new AssertionError("no marker in " + lines);
  }

  @Test
  void aSwitchThatRunsThroughLeavesTheNewData() throws Exception {
    sh(SwitchScripts.switchIn(ID, null));
    assertThat(contents()).isEqualTo(new TreeMap<>(NEW));
  }

  @Test
  void aSwitchCutAfterAnyCommandIsRolledBackBeforeTheMarkerAndFinishedAfterIt() throws Exception {
    List<String> lines = switchLines();
    int marker = markerLine(lines);
    for (int cut = firstOwnLine(lines); cut <= lines.size(); cut++) {
      clean();
      setUp();
      cut(lines, cut);
      sh(SwitchScripts.clean());
      assertThat(contents())
          .as("cut before line %d: %s", cut, cut < lines.size() ? lines.get(cut) : "(end)")
          .isEqualTo(new TreeMap<>(cut > marker ? NEW : OLD));
    }
  }

  @Test
  void aSwitchKilledWhileMovingTheOldDataAsideIsRolledBack() throws Exception {
    List<String> lines = switchLines();
    // Up to the directory for the old data, then one old entry moved: the loop was cut there.
    int mkdir = firstOwnLine(lines) + 1;
    cut(lines, mkdir + 1);
    Files.move(vol.resolve("a.txt"), vol.resolve(VolumeSnapshot.OLD_PREFIX + ID + "/a.txt"));
    sh(SwitchScripts.clean());
    assertThat(contents()).isEqualTo(new TreeMap<>(OLD));
  }

  @Test
  void aSwitchKilledWhileMovingTheNewDataInIsFinished() throws Exception {
    List<String> lines = switchLines();
    cut(lines, markerLine(lines) + 1);
    Files.move(vol.resolve(VolumeSnapshot.STAGING_PREFIX + ID + "/a.txt"), vol.resolve("a.txt"));
    sh(SwitchScripts.clean());
    assertThat(contents()).isEqualTo(new TreeMap<>(NEW));
  }

  @Test
  void staleStagingOfARestoreThatFailedBeforeItsSwitchIsRemoved() throws Exception {
    sh(SwitchScripts.clean());
    assertThat(contents()).isEqualTo(new TreeMap<>(OLD));
  }

  private void clean() throws IOException {
    try (Stream<Path> s = Files.walk(vol)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!p.equals(vol)) {
          Files.delete(p);
        }
      }
    }
  }
}
