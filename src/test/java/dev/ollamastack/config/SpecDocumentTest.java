package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ollamastack.model.StackSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecDocumentTest {
  @Test
  void theRenderedDocumentLoadsBackToTheSameSpec() throws Exception {
    StackLoader loader = new StackLoader(Map.of(), Path.of(""));
    StackSpec original = loader.load(Path.of("examples/models.yaml").toAbsolutePath()).spec();

    String yaml =
        new ObjectMapper(new YAMLFactory()).writeValueAsString(SpecDocument.render(original));
    StackSpec reloaded =
        loader.parse(yaml.getBytes(StandardCharsets.UTF_8), "view.yaml", null).spec();

    assertThat(reloaded).isEqualTo(original);
  }

  @Test
  void sensitiveEnvValuesAreMasked() {
    StackSpec spec =
        StackSpec.defaults()
            .withOllama(StackSpec.defaults().ollama().withEnv(Map.of("HF_TOKEN", "hf_secret")));
    assertThat(SpecDocument.render(spec).at("/spec/services/ollama/env/HF_TOKEN").asText())
        .isEqualTo("(sensitive)");
  }
}
