package dev.ollamastack.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DeviceSpec;
import dev.ollamastack.model.GpuRequest;
import dev.ollamastack.model.HealthCheck;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.Resources;
import dev.ollamastack.model.RestartPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The body of {@code POST /containers/create} is what docker-java's create command sent for the
 * same spec (its serializer is the oracle, {@link DockerJavaCreateOracle}), field for field.
 */
class ContainerCreateBodyTest {
  private static final ObjectMapper DOCKER_JAVA = DockerClientConfig.getDefaultObjectMapper();

  static Stream<ContainerSpec> specs() {
    ContainerSpec plain =
        ContainerSpec.builder("s-ollama", Component.OLLAMA).image("ollama/ollama:0.5").build();
    ContainerSpec full =
        ContainerSpec.builder("s-webui", Component.WEBUI)
            .image("ghcr.io/open-webui/open-webui@sha256:abc")
            .entrypoint(List.of("/bin/sh", "-c"))
            .cmd(List.of("exec start.sh", "--x"))
            .env(Map.of("A", "1", "B", "two words", "EMPTY", ""))
            .port(new PortBinding("127.0.0.1", 3000, 8080))
            .port(new PortBinding("", 3001, 8080))
            .port(new PortBinding(null, 9000, 9001))
            .mount(Mount.volume("s_webui_data", "/app/backend/data"))
            .mount(Mount.bind("/home/me/docs", "/docs", true))
            .network("s_network", List.of("webui", "s-webui"))
            .extraHosts(List.of("host.docker.internal:host-gateway"))
            .resources(new Resources(512L * 1024 * 1024, 1.5))
            .healthCheck(
                new HealthCheck(
                    List.of("CMD", "ollama", "list"),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(5),
                    3,
                    Duration.ofSeconds(30)))
            .restartPolicy(RestartPolicy.ON_FAILURE)
            .init(true)
            .labels(Map.of("ollama-stack.installation", "s", "ollama-stack.config-hash", "h"))
            .build();
    return Stream.of(
        plain,
        full,
        full.toBuilder()
            .restartPolicy(RestartPolicy.NO)
            .init(false)
            .network("s_net", List.of())
            .build(),
        full.toBuilder()
            .restartPolicy(RestartPolicy.ALWAYS)
            .healthCheck(new HealthCheck(List.of("NONE"), null, null, 0, null))
            .build(),
        plain.toBuilder()
            .devices(new DeviceSpec(new GpuRequest.All(), List.of(), List.of()))
            .build(),
        plain.toBuilder()
            .devices(
                new DeviceSpec(new GpuRequest.Count(2), List.of(), List.of("/dev/kfd", "/dev/dri")))
            .build(),
        plain.toBuilder()
            .devices(
                new DeviceSpec(
                    new GpuRequest.DeviceIds(List.of("0", "GPU-1")),
                    List.of("nvidia.com/gpu=all"),
                    List.of()))
            .build(),
        plain.toBuilder()
            .devices(new DeviceSpec(null, List.of("nvidia.com/gpu=all"), List.of()))
            .build());
  }

  @ParameterizedTest
  @MethodSource("specs")
  void theBodyIsWhatDockerJavaSent(ContainerSpec spec) {
    // docker-java's command, run to the point where it hands its body to the transport
    AtomicReference<JsonNode> sent = new AtomicReference<>();
    DockerJavaCreateOracle.configure(
            new CreateContainerCmdImpl(
                c -> {
                  sent.set(DOCKER_JAVA.valueToTree(c));
                  return null;
                },
                null,
                spec.imageReference()),
            spec)
        .exec();

    JsonNode ours = ContainerCreateBody.of(spec, new ObjectMapper());

    // a null field is one the daemon does not get: docker-java wrote them out, we leave them out
    assertThat(ours).isEqualTo(withoutNulls(sent.get()));
  }

  private static JsonNode withoutNulls(JsonNode n) {
    if (n.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      n.fields()
          .forEachRemaining(
              e -> {
                if (!e.getValue().isNull()) {
                  out.set(e.getKey(), withoutNulls(e.getValue()));
                }
              });
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      n.forEach(v -> out.add(withoutNulls(v)));
      return out;
    }
    return n;
  }
}
