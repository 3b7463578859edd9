package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code extensions enable|disable} edit one list and leave every other byte of the file alone. */
class EnabledExtensionsEditTest {
  private static final Path COMMENTED = Path.of("src/test/resources/edit/commented.yaml");

  @Test
  void enablingAddsOneLineToABlockListAndKeepsEveryOtherByte() throws Exception {
    String before = Files.readString(COMMENTED);
    String after =
        EnabledExtensionsEdit.apply(before, List.of("time", "memory"), "filesystem", true);
    assertThat(after)
        .isEqualTo(
            before.replace(
                "      - memory    # the knowledge graph\n",
                "      - memory    # the knowledge graph\n      - filesystem\n"));
  }

  @Test
  void disablingRemovesExactlyThatItemsLineWithItsComment() throws Exception {
    String before = Files.readString(COMMENTED);
    String after = EnabledExtensionsEdit.apply(before, List.of("time", "memory"), "time", false);
    assertThat(after).isEqualTo(before.replace("      - time      # always\n", ""));
  }

  @Test
  void enableThenDisableIsTheOriginalFile() throws Exception {
    String before = Files.readString(COMMENTED);
    String on = EnabledExtensionsEdit.apply(before, List.of("time", "memory"), "fetch", true);
    String off =
        EnabledExtensionsEdit.apply(on, List.of("time", "memory", "fetch"), "fetch", false);
    assertThat(off).isEqualTo(before);
  }

  @Test
  void aFlowListIsRewrittenInPlace() {
    String before = "spec:\n  extensions:\n    enabled: [time]   # keep\n    paths: [./x]\n";
    assertThat(EnabledExtensionsEdit.apply(before, List.of("time"), "memory", true))
        .isEqualTo(
            "spec:\n  extensions:\n    enabled: [time, memory]   # keep\n    paths: [./x]\n");
  }

  @Test
  void aMissingListIsInsertedWithTheDefaultItStoodFor() {
    String before = "kind: Stack\nspec:\n  platform: cpu  # mine\n";
    assertThat(EnabledExtensionsEdit.apply(before, List.of("time"), "memory", true))
        .isEqualTo(
            "kind: Stack\nspec:\n  extensions:\n    enabled: [time, memory]\n  platform: cpu  # mine\n");
  }

  @Test
  void aFileWithoutSpecGetsOne() {
    String before = "apiVersion: ollama-stack/v1\nkind: Stack\n";
    assertThat(EnabledExtensionsEdit.apply(before, List.of("time"), "memory", true))
        .isEqualTo(before + "spec:\n  extensions:\n    enabled: [time, memory]\n");
  }

  @Test
  void theEditedFileStillLoadsWithTheNewList() throws Exception {
    String before = Files.readString(COMMENTED);
    String after = EnabledExtensionsEdit.apply(before, List.of("time", "memory"), "fetch", true);
    var loaded =
        new StackLoader(java.util.Map.of(), COMMENTED.getParent())
            .parse(after.getBytes(java.nio.charset.StandardCharsets.UTF_8), "commented.yaml", null);
    assertThat(loaded.spec().extensions().enabled()).containsExactly("time", "memory", "fetch");
  }
}
