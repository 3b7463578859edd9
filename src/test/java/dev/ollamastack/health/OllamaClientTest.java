package dev.ollamastack.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamastack.testsupport.FakeOllama;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OllamaClientTest {
  @Test
  void pullStreamsEveryStatusLineAndTagsListsTheModel() throws IOException {
    try (FakeOllama ollama = new FakeOllama().pullable("llama3.2:1b", 4000)) {
      OllamaClient client = new OllamaClient(ollama.url());
      List<OllamaClient.PullStatus> lines = new ArrayList<>();
      client.pull("llama3.2:1b", lines::add);
      assertThat(lines.get(0).status()).isEqualTo("pulling manifest");
      assertThat(lines).anyMatch(s -> s.digest() != null && s.total() == 3000);
      assertThat(lines.get(lines.size() - 1).status()).isEqualTo("success");
      assertThat(client.tags(Duration.ofSeconds(2)))
          .singleElement()
          .satisfies(m -> assertThat(m.sizeBytes()).isEqualTo(4000));
      assertThat(client.version(Duration.ofSeconds(2))).isEqualTo("0.9.0-fake");
    }
  }

  @Test
  void anErrorLineAfterHttp200FailsWithOllamasText() throws IOException {
    try (FakeOllama ollama = new FakeOllama()) {
      assertThatThrownBy(() -> new OllamaClient(ollama.url()).pull("nope:1b", s -> {}))
          .isInstanceOf(IOException.class)
          .hasMessage("pull model manifest: file does not exist");
    }
  }

  @Test
  void deletingAnAbsentModelIsNotAnError() throws IOException {
    try (FakeOllama ollama = new FakeOllama().has("a:1b", 1)) {
      OllamaClient client = new OllamaClient(ollama.url());
      assertThat(client.delete("a:1b")).isTrue();
      assertThat(client.delete("a:1b")).isFalse();
    }
  }
}
