package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validated.json spares the schema check for contents that passed it with this tool version. */
class ValidationCacheTest {
  @TempDir Path dir;

  static final String VALID =
      """
      apiVersion: ollama-stack/v1
      kind: Stack
      metadata:
        name: cached
      spec:
        platform: cpu
      """;

  Path home() {
    return dir.resolve("home");
  }

  Path file(String text) throws Exception {
    Path f = dir.resolve("ollama-stack.yaml");
    Files.writeString(f, text);
    return f;
  }

  StackLoader loader() {
    return new StackLoader(Map.of(), dir, home());
  }

  @Test
  void nothingIsWrittenForAnInstallationWithoutAStateDirectory() throws Exception {
    loader().load(file(VALID));
    assertThat(home()).doesNotExist();
  }

  @Test
  void aValidFileIsRememberedOnceAndAChangedOneIsCheckedAgain() throws Exception {
    Files.createDirectories(home().resolve("cached"));
    Path cache = home().resolve("cached").resolve(ValidationCache.FILE);
    loader().load(file(VALID));
    assertThat(Files.readString(cache)).matches("\\[\"[0-9a-f]{64}\"\\]\\n");
    loader().load(file(VALID));
    assertThat(Files.readString(cache)).matches("\\[\"[0-9a-f]{64}\"\\]\\n");
    loader().load(file(VALID.replace("cpu", "nvidia")));
    assertThat(Files.readString(cache)).matches("\\[\"[0-9a-f]{64}\",\"[0-9a-f]{64}\"\\]\\n");
  }

  @Test
  void anInvalidFileIsNeverRememberedAndAlwaysReported() throws Exception {
    Files.createDirectories(home().resolve("cached"));
    Path bad = file(VALID.replace("platform: cpu", "platform: cpux"));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> loader().load(bad)).isInstanceOf(InvalidStackException.class);
    }
    assertThat(home().resolve("cached").resolve(ValidationCache.FILE)).doesNotExist();
  }

  @Test
  void aRememberedKeyIsWhatSkipsTheSchema() throws Exception {
    // The contract: only contents that passed are remembered. A key planted for a file the
    // schema would refuse shows the check is really skipped on a hit.
    Files.createDirectories(home().resolve("cached"));
    String unknownKey = VALID + "  frobnicate: 1\n";
    Path f = file(unknownKey);
    assertThatThrownBy(() -> loader().load(f)).isInstanceOf(InvalidStackException.class);
    var tree =
        TreeBuilder.build(
                YamlParser.parse(unknownKey, "x").orElseThrow(), "x", new Interpolator(Map.of()))
            .root();
    Files.writeString(
        home().resolve("cached").resolve(ValidationCache.FILE),
        "[\"" + ValidationCache.key(tree) + "\"]\n");
    assertThat(loader().load(f).spec().name()).isEqualTo("cached");
    assertThatThrownBy(() -> new StackLoader(Map.of(), dir).load(f))
        .isInstanceOf(InvalidStackException.class);
  }

  @Test
  void aCorruptCacheIsAMiss() throws Exception {
    Files.createDirectories(home().resolve("cached"));
    Files.writeString(home().resolve("cached").resolve(ValidationCache.FILE), "{not json");
    assertThat(loader().load(file(VALID)).spec().name()).isEqualTo("cached");
  }
}
