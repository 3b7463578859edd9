package dev.ollamastack.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.app.host.HostProbe.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real probe, on a temporary directory and a {@code PATH} of our own. */
class SystemHostProbeTest {
  @TempDir Path dir;

  SystemHostProbe probe() {
    return new SystemHostProbe(Map.of("PATH", dir.resolve("bin").toString()));
  }

  Path script(String name, String body) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  @Test
  void executablesAreLookedUpOnThePathOfItsEnvironment() throws IOException {
    script("tool", "exit 0");
    Files.writeString(dir.resolve("bin/data"), "not executable");
    assertThat(probe().onPath("tool")).isTrue();
    assertThat(probe().onPath("data")).isFalse();
    assertThat(probe().onPath("sh")).as("not on our PATH").isFalse();
  }

  @Test
  void aCommandAnswersWithItsExitCodeAndOutput() throws IOException {
    script("tool", "echo out; echo err >&2; exit 3");
    assertThat(probe().run(List.of("tool"), Duration.ofSeconds(10)))
        .hasValueSatisfying(
            r -> {
              assertThat(r.exitCode()).isEqualTo(3);
              assertThat(r.output()).contains("out\n", "err\n");
            });
    assertThat(new CommandResult(0, "").ok()).isTrue();
  }

  @Test
  void aMissingCommandIsNoAnswerNotAnError() {
    assertThat(probe().run(List.of("no-such-tool", "-L"), Duration.ofSeconds(1))).isEmpty();
  }

  @Test
  void filesAndDirectories() throws IOException {
    Files.writeString(dir.resolve("b.json"), "{}");
    Files.writeString(dir.resolve("a.yaml"), "kind: nvidia.com/gpu");
    SystemHostProbe p = probe();
    assertThat(p.list(dir)).containsExactly("a.yaml", "b.json");
    assertThat(p.list(dir.resolve("absent"))).isEmpty();
    assertThat(p.read(dir.resolve("a.yaml"))).contains("kind: nvidia.com/gpu");
    assertThat(p.read(dir.resolve("absent"))).isEmpty();
    assertThat(p.read(dir)).as("a directory is not a file").isEmpty();
    assertThat(p.exists(dir.resolve("b.json"))).isTrue();
    assertThat(p.exists(dir.resolve("absent"))).isFalse();
  }

  @Test
  void permissionsAndFreeSpace() throws IOException {
    Path secrets = Files.writeString(dir.resolve("secrets.env"), "K=V\n");
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
    assertThat(probe().permissions(secrets)).contains(PosixFilePermissions.fromString("rw-------"));
    assertThat(probe().permissions(dir.resolve("absent"))).isEmpty();
    assertThat(probe().usableSpace(dir)).isPresent();
  }

  @Test
  void osIsWhatTheJvmReports() {
    assertThat(probe().osName()).isEqualTo(System.getProperty("os.name"));
    assertThat(probe().osArch()).isEqualTo(System.getProperty("os.arch"));
  }

  @Test
  void noOllamaAtAClosedPort() {
    assertThat(probe().ollamaVersion("http://127.0.0.1:1")).isEmpty();
  }
}
