package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Environment values reach the container exactly as written, whatever YAML typed them as. */
class EnvTextTest {
  private static final String HEAD = "apiVersion: ollama-stack/v1\nkind: Stack\nspec:\n";

  private static LoadedStack load(Map<String, String> env, String spec) {
    return new StackLoader(env, Path.of("/tmp"))
        .parse((HEAD + spec).getBytes(StandardCharsets.UTF_8), "s.yaml", null);
  }

  @Test
  void numbersAndBooleansKeepTheirTextAsWritten() {
    var spec =
        load(
                Map.of(),
                """
                  services:
                    webui:
                      env:
                        VERSION_FLOAT: 1.10
                        HEX: 0x1F
                        OCTAL: 0o17
                        LEADING_ZERO: 007
                        EXPONENT: 1e3
                        PLUS: +5
                        BOOL: True
                        PLAIN_INT: 42
                    ollama:
                      env:
                        OLLAMA_NUM_PARALLEL: 2
                  extensions:
                    enabled: [time]
                    settings:
                      time: {env: {LOCAL_TIMEZONE_OFFSET: 1.50}}
                """)
            .spec();
    assertThat(spec.webui().env())
        .containsEntry("VERSION_FLOAT", "1.10")
        .containsEntry("HEX", "0x1F")
        .containsEntry("OCTAL", "0o17")
        .containsEntry("LEADING_ZERO", "007")
        .containsEntry("EXPONENT", "1e3")
        .containsEntry("PLUS", "+5")
        .containsEntry("BOOL", "True")
        .containsEntry("PLAIN_INT", "42");
    assertThat(spec.ollama().env()).containsEntry("OLLAMA_NUM_PARALLEL", "2");
    assertThat(spec.extensions().settings().get("time").env())
        .containsEntry("LOCAL_TIMEZONE_OFFSET", "1.50");
  }

  @Test
  void anInterpolatedNumberKeepsTheTextItBecame() {
    var spec =
        load(
                Map.of("V", "1.10"),
                "  services:\n    webui:\n      env:\n        A: ${V}\n        B: ${UNSET:-0x1F}\n")
            .spec();
    assertThat(spec.webui().env()).containsEntry("A", "1.10").containsEntry("B", "0x1F");
  }

  @Test
  void anEmptyDefaultIsAnEmptyStringWhereAStringIsAllowed() {
    var spec =
        load(
                Map.of(),
                "  services:\n    webui:\n      env:\n        EMPTY: ${NOT_SET:-}\n"
                    + "        QUOTED: \"${NOT_SET:-}\"\n")
            .spec();
    assertThat(spec.webui().env()).containsEntry("EMPTY", "").containsEntry("QUOTED", "");
  }

  @Test
  void tabsAndLineBreaksAreAllowedInEnvValues() {
    var spec =
        load(
                Map.of(),
                "  services:\n    webui:\n      env:\n        JSON: |\n          [\n          \t\"a\"]\n"
                    + "        TAB: \"a\\tb\"\n")
            .spec();
    assertThat(spec.webui().env().get("TAB")).isEqualTo("a\tb");
    assertThat(spec.webui().env().get("JSON")).contains("\n");
  }
}
