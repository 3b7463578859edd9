package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatePathsTest {
  @TempDir Path home;

  @Test
  void everyInstallationHasAPrivateDirectoryWithWellKnownFiles() throws IOException {
    StatePaths paths = new StatePaths(home.resolve("state"));
    assertThat(paths.dir("demo")).doesNotExist(); // naming it writes nothing

    Path dir = paths.ensureDir("demo");

    assertThat(dir).isEqualTo(home.resolve("state/demo")).isDirectory();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.getParent())))
        .isEqualTo("rwx------");
    assertThat(paths.lockFile("demo")).isEqualTo(dir.resolve("apply.lock"));
    assertThat(paths.historyFile("demo")).isEqualTo(dir.resolve("history.jsonl"));
    assertThat(paths.mcpoConfigDir("demo")).isEqualTo(dir.resolve("mcpo"));
  }

  @Test
  void aStateHomeThatIsAFileIsOneLineNamingItAndTheVariable() throws IOException {
    Path file = Files.writeString(home.resolve("not-a-dir"), "x");
    StatePaths paths = new StatePaths(file);
    assertThatThrownBy(() -> paths.dir("demo"))
        .isInstanceOf(dev.ollamastack.model.ToolException.class)
        .hasMessage(
            "state directory "
                + file
                + " ($OLLAMA_STACK_HOME, default ~/.ollama-stack) is unusable: "
                + file
                + " is not a directory")
        .extracting(e -> ((dev.ollamastack.model.ToolException) e).exitCode().code())
        .isEqualTo(4);
  }

  @Test
  void anUnwritableStateHomeFailsWhenSomethingMustBeWrittenNotBefore() {
    // Nobody, root included, creates directories in /proc: an unwritable home for every user.
    Path unwritable = Path.of("/proc/self/ollama-stack-home");
    StatePaths paths = new StatePaths(unwritable);
    assertThat(paths.dir("demo")).isEqualTo(unwritable.resolve("demo"));
    assertThatThrownBy(() -> paths.ensureDir("demo"))
        .isInstanceOf(dev.ollamastack.model.ToolException.class)
        .hasMessageStartingWith("state directory " + unwritable + " ($OLLAMA_STACK_HOME")
        .hasMessageContaining("cannot be created");
  }

  @Test
  void namesThatCouldEscapeTheStateHomeAreRejected() {
    StatePaths paths = new StatePaths(home);
    assertThatThrownBy(() -> paths.dir("../etc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> paths.dir("a/b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void atomicWritesReplaceContentWithTheGivenModeAndLeaveNoTemporaryFile() throws IOException {
    Path target = home.resolve("file.txt");
    Files.writeString(target, "old");

    StatePaths.writeAtomically(target, "new", PosixFilePermissions.fromString("rw-r-----"));

    assertThat(target).hasContent("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r-----");
    try (var files = Files.list(home)) {
      assertThat(files).containsExactly(target);
    }
  }
}
