package dev.ollamastack.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ReadinessProbe;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerReplacementTest {
  private final ContainerSpec proxy =
      ContainerSpec.builder("s-mcp-proxy", Component.MCP_PROXY)
          .image("mcpo:latest")
          .probe(
              new ReadinessProbe(
                  "/docs",
                  List.of("/time/openapi.json", "/memory/openapi.json", "/broken/openapi.json")))
          .build();

  @Test
  void theRestoredProxyIsWaitedForOnlyForTheServersItsRestoredConfigNames() {
    Map<Path, Optional<String>> files =
        Map.of(
            Path.of("/state/mcpo/config.json"),
            Optional.of("{\"mcpServers\":{\"time\":{\"command\":\"uvx\"},\"memory\":{}}}"));
    ReadinessProbe p = ContainerReplacement.restoredProbe(proxy, files).probe();
    assertThat(p.httpPath()).isEqualTo("/docs");
    assertThat(p.openApiSpecs()).containsExactly("/time/openapi.json", "/memory/openapi.json");
  }

  @Test
  void withoutARestoredConfigOnlyTheHttpPathIsWaitedFor() {
    ReadinessProbe p =
        ContainerReplacement.restoredProbe(
                proxy, Map.of(Path.of("/state/mcpo/config.json"), Optional.empty()))
            .probe();
    assertThat(p.httpPath()).isEqualTo("/docs");
    assertThat(p.openApiSpecs()).isEmpty();
  }

  @Test
  void aSpecWithoutOpenApiDocumentsIsWaitedForAsItIs() {
    ContainerSpec webui =
        ContainerSpec.builder("s-webui", Component.WEBUI)
            .image("open-webui:main")
            .probe(new ReadinessProbe("/health", List.of()))
            .build();
    assertThat(ContainerReplacement.restoredProbe(webui, Map.of())).isSameAs(webui);
  }
}
