package dev.ollamastack.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamastack.model.ExitCode;
import dev.ollamastack.model.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock file's text: round trip, deterministic bytes, refusals at their line. */
class LockFileTest {
  static final String D1 = "sha256:" + "1".repeat(64);
  static final String D2 = "sha256:" + "2".repeat(64);
  static final String M1 = "a".repeat(64);

  @TempDir Path dir;

  static StackLock lock() {
    return new StackLock(
        "1.2.3",
        Map.of("ollama/ollama:latest", D1, "ghcr.io/open-webui/open-webui:main", D2),
        Map.of("llama3.2:1b", M1));
  }

  @Test
  void whatIsWrittenIsReadBackAndTheSamePinsGiveTheSameBytes() {
    Path file = dir.resolve("ollama-stack.lock");
    LockFile.write(file, lock());
    assertThat(LockFile.read(file)).contains(lock());
    StackLock sameOtherOrder =
        new StackLock(
            "1.2.3",
            Map.of("ghcr.io/open-webui/open-webui:main", D2, "ollama/ollama:latest", D1),
            Map.of("llama3.2:1b", M1));
    assertThat(LockFile.render(sameOtherOrder)).isEqualTo(LockFile.render(lock()));
  }

  @Test
  void theTextIsSortedQuotedYamlWithAHeader() {
    assertThat(LockFile.render(lock()))
        .startsWith("# Image and model digests of this stack")
        .endsWith(
            """
            lockVersion: 1
            toolVersion: "1.2.3"
            images:
              "ghcr.io/open-webui/open-webui:main": "%s"
              "ollama/ollama:latest": "%s"
            models:
              "llama3.2:1b": "%s"
            """
                .formatted(D2, D1, M1));
    assertThat(LockFile.render(StackLock.EMPTY)).contains("images: {}\nmodels: {}\n");
  }

  @Test
  void itIsWrittenAtomicallyAndReadableByOthers() throws Exception {
    Path file = dir.resolve("ollama-stack.lock");
    LockFile.write(file, lock());
    LockFile.write(file, StackLock.EMPTY);
    assertThat(Files.list(dir)).containsExactly(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void itLivesBesideTheStackFileNamedAfterItOrInTheStateDirectory() {
    Path state = dir.resolve("state");
    assertThat(LockFile.pathFor(dir.resolve("ollama-stack.yaml"), state))
        .isEqualTo(dir.resolve("ollama-stack.lock"));
    assertThat(LockFile.pathFor(dir.resolve("prod.yml"), state))
        .isEqualTo(dir.resolve("prod.lock"));
    assertThat(LockFile.pathFor(null, state)).isEqualTo(state.resolve("ollama-stack.lock"));
  }

  @Test
  void aMissingFileIsNoLock() {
    assertThat(LockFile.read(dir.resolve("nope.lock"))).isEmpty();
  }

  @Test
  void aBrokenLockIsInvalidInputAtItsLineAndColumn() throws Exception {
    assertRefused(
        "lockVersion: 1\nimages:\n  \"x:1\": \"sha256:nothex\"\n",
        "x.lock:3:10: images.x:1: not a digest");
    assertRefused("lockVersion: 2\n", "x.lock:1:14: lockVersion 2 is not 1");
    assertRefused("images: {}\n", "x.lock:1:1: lockVersion is missing");
    assertRefused("lockVersion: 1\nimages: [a]\n", "x.lock:2:9: images must be a mapping");
    assertRefused("lockVersion: 1\nimages: {\n", "x.lock:3:1: not valid YAML");
    assertRefused("", "x.lock: the file is empty");
  }

  private void assertRefused(String text, String message) throws Exception {
    Path file = dir.resolve("x.lock");
    Files.writeString(file, text);
    assertThatThrownBy(() -> LockFile.read(file))
        .isInstanceOfSatisfying(
            ToolException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage()).startsWith(dir + "/" + message);
              assertThat(e.hint()).contains("restore it from version control");
            });
  }
}
