package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StarterFileTest {
  @ParameterizedTest
  @EnumSource(Platform.class)
  void theStarterFileOfEveryPlatformIsAValidStackForThatPlatform(Platform platform) {
    String text = StarterFile.render(platform, "demo", StarterFile.SCHEMA_URL);

    LoadedStack loaded =
        new StackLoader(Map.of(), Path.of(""))
            .parse(text.getBytes(StandardCharsets.UTF_8), "ollama-stack.yaml", null);

    assertThat(text.lines().findFirst())
        .contains("# yaml-language-server: $schema=" + StarterFile.SCHEMA_URL);
    assertThat(loaded.warnings()).isEmpty();
    assertThat(loaded.spec().platform()).isEqualTo(platform);
    assertThat(loaded.spec().name()).isEqualTo("demo");
    assertThat(loaded.spec().ollama().mode())
        .isEqualTo(platform == Platform.APPLE ? OllamaMode.NATIVE : OllamaMode.CONTAINER);
  }
}
