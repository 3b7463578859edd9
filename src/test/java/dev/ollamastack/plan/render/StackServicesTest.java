package dev.ollamastack.plan.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.ExtensionsSpec;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.testsupport.Stacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One place decides which services run; rendering agrees with it. */
class StackServicesTest {
  private static StackSpec withoutExtensions(StackSpec s) {
    return new StackSpec(
        s.name(),
        s.platform(),
        s.expose(),
        s.ollama(),
        s.webui(),
        s.mcpProxy(),
        new ExtensionsSpec(List.of(), List.of(), Map.of()),
        s.backup());
  }

  @Test
  void theDefaultStackRunsThreeServicesOnTheirPorts() {
    StackSpec spec = Stacks.cpu();
    assertThat(StackServices.running(spec)).containsExactly("ollama", "webui", "mcp-proxy");
    assertThat(StackServices.publishedPorts(spec))
        .containsExactly(
            Map.entry(11434, "ollama"), Map.entry(8080, "webui"), Map.entry(8200, "mcp-proxy"));
    assertThat(StackServices.notes(spec)).isEmpty();
  }

  @Test
  void noExtensionMeansNoMcpProxyAndANoteSayingWhy() {
    StackSpec spec = withoutExtensions(Stacks.cpu());
    assertThat(StackServices.running(spec)).containsExactly("ollama", "webui");
    assertThat(StackServices.publishedPorts(spec)).doesNotContainValue("mcp-proxy");
    assertThat(StackServices.notes(spec)).singleElement().asString().contains("mcpo refuses");
  }

  @Test
  void appleRunsOllamaNativelySoNoOllamaServiceOrPort() {
    StackSpec spec = Stacks.cpu().withPlatform(Platform.APPLE);
    assertThat(StackServices.running(spec)).containsExactly("webui", "mcp-proxy");
    assertThat(StackServices.publishedPorts(spec)).doesNotContainKey(11434);
  }

  @Test
  void renderingRendersExactlyTheRunningServices() {
    for (StackSpec spec :
        List.of(
            Stacks.cpu(),
            withoutExtensions(Stacks.cpu()),
            Stacks.cpu().withPlatform(Platform.APPLE),
            Stacks.cpu()
                .withOllama(Stacks.cpu().ollama().withMode(OllamaMode.EXTERNAL, "http://o:1")))) {
      assertThat(Stacks.render(spec).containers())
          .extracting(c -> c.service())
          .containsExactlyElementsOf(StackServices.running(spec));
    }
  }
}
