package dev.ollamastack.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.ListVolumesResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import dev.ollamastack.model.ContainerHealth;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.RestartPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link EngineCalls} reads the JSON trees of the Engine API into what {@link DtoMapper} and {@link
 * WiringMapper} make of docker-java's beans for the same answer. The fixtures are answers of a real
 * daemon (20.10, API 1.41; secrets in the environment redacted): the bench stack's three
 * containers, the same stack run by docker-compose (a bind mount, health checks), an exited
 * container and one with a tmpfs, a UDP port, a restart policy with retries and a memory limit.
 */
class EngineCallsTest {
  private static final ObjectMapper DOCKER_JAVA =
      DefaultDockerClientConfig.createDefaultConfigBuilder().build().getObjectMapper();
  private static final DockerEndpoint ENDPOINT =
      new DockerEndpoint("unix:///var/run/docker.sock", null, false, null);

  @Test
  void listedContainersAreWhatDockerJavaMakesOfThem() throws IOException {
    byte[] json = fixture("containers.json");
    List<ObservedContainer> expected =
        List.of(DOCKER_JAVA.readValue(json, Container[].class)).stream()
            .map(DtoMapper::container)
            .toList();
    List<ObservedContainer> actual = new ArrayList<>();
    DOCKER_JAVA.readTree(json).forEach(c -> actual.add(EngineCalls.listedContainer(c)));
    assertThat(actual).hasSize(8).isEqualTo(expected);
    ObservedContainer exited = byName(actual, "fx-exited");
    assertThat(exited.state()).isEqualTo(ContainerState.EXITED);
    assertThat(exited.exitCode()).isEqualTo(3);
    assertThat(byName(actual, "osbenchc_webui_1").health()).isEqualTo(ContainerHealth.HEALTHY);
    assertThat(byName(actual, "fx-tmpfs").ports())
        .containsExactly(new PortBinding("127.0.0.1", 39999, 9999));
  }

  @Test
  void inspectedContainersAreWhatDockerJavaMakesOfThem() throws IOException {
    byte[] json = fixture("inspected.json");
    List<ObservedContainer> expected = new ArrayList<>();
    List<ObservedContainer> actual = new ArrayList<>();
    for (JsonNode c : DOCKER_JAVA.readTree(json)) {
      expected.add(DtoMapper.container(DOCKER_JAVA.treeToValue(c, InspectContainerResponse.class)));
      actual.add(EngineCalls.inspectedContainer(DOCKER_JAVA.readTree(c.toString())));
    }
    assertThat(actual).hasSize(8).isEqualTo(expected);
    ObservedContainer tmpfs = byName(actual, "fx-tmpfs");
    assertThat(tmpfs.wiring().restartPolicy()).isEqualTo(RestartPolicy.ON_FAILURE);
    assertThat(tmpfs.wiring().memoryBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(tmpfs.wiring().mounts()).isEmpty(); // a tmpfs is nothing the stack mounts
    assertThat(tmpfs.ports()).containsExactly(new PortBinding("127.0.0.1", 39999, 9999));
    ObservedContainer proxy = byName(actual, "osbenchc_mcp-proxy_1");
    assertThat(proxy.wiring().mounts())
        .extracting(Mount::kind, Mount::target, Mount::readOnly)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Mount.Kind.BIND, "/config", true));
    ObservedContainer ollama = byName(actual, "osbench-ollama");
    assertThat(ollama.wiring().networks().get("osbench_network").aliases()).contains("ollama");
    assertThat(ollama.startedAt()).isNotNull();
    assertThat(byName(actual, "fx-exited").exitCode()).isEqualTo(3);
  }

  @Test
  void sparseAnswersAreReadAsDockerJavaReadsThem() throws IOException {
    for (String json :
        List.of(
            "{\"Id\":\"a\"}",
            "{\"Id\":\"b\",\"Names\":null,\"Labels\":null,\"Ports\":null,\"Mounts\":null,"
                + "\"NetworkSettings\":{\"Networks\":null},\"Status\":null}",
            "{\"Id\":\"c\",\"Names\":[],\"Ports\":[{\"PrivatePort\":80,\"Type\":\"tcp\"}],"
                + "\"Labels\":{\"k\":\"\"},\"Mounts\":[{\"Destination\":\"/x\"}]}")) {
      assertThat(EngineCalls.listedContainer(DOCKER_JAVA.readTree(json)))
          .isEqualTo(DtoMapper.container(DOCKER_JAVA.readValue(json, Container.class)));
    }
    for (String json :
        List.of(
            "{\"Id\":\"a\"}",
            "{\"Id\":\"b\",\"Name\":\"/b\",\"State\":{\"Status\":\"created\",\"ExitCode\":0,"
                + "\"StartedAt\":\"0001-01-01T00:00:00Z\",\"Health\":null},\"Config\":{\"Env\":null,"
                + "\"Labels\":null},\"HostConfig\":{\"PortBindings\":{\"80/tcp\":null},"
                + "\"RestartPolicy\":{\"Name\":\"\"}},\"Mounts\":[],\"NetworkSettings\":"
                + "{\"Networks\":{\"n\":{\"NetworkID\":\"x\",\"Aliases\":null}}}}",
            "{\"Id\":\"c\",\"Config\":{\"Env\":[\"A=1\",\"B\",\"C=x=y\"]},\"HostConfig\":"
                + "{\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"},"
                + "{\"HostIp\":\"::\",\"HostPort\":\"8080\"}],\"53/udp\":[{\"HostIp\":\"\","
                + "\"HostPort\":\"53\"}]},\"RestartPolicy\":{\"Name\":\"sometimes\"}}}")) {
      assertThat(EngineCalls.inspectedContainer(DOCKER_JAVA.readTree(json)))
          .isEqualTo(
              DtoMapper.container(DOCKER_JAVA.readValue(json, InspectContainerResponse.class)));
    }
  }

  @Test
  void networksVolumesAndImagesAreWhatDockerJavaMakesOfThem() throws IOException {
    byte[] networks = fixture("networks.json");
    List<Object> actual = new ArrayList<>();
    DOCKER_JAVA.readTree(networks).forEach(n -> actual.add(EngineCalls.network(n)));
    assertThat(actual)
        .isNotEmpty()
        .isEqualTo(
            List.of(DOCKER_JAVA.readValue(networks, Network[].class)).stream()
                .map(DtoMapper::network)
                .toList());

    byte[] volumes = fixture("volumes.json");
    actual.clear();
    DOCKER_JAVA.readTree(volumes).get("Volumes").forEach(v -> actual.add(EngineCalls.volume(v)));
    assertThat(actual)
        .isNotEmpty()
        .isEqualTo(
            DOCKER_JAVA.readValue(volumes, ListVolumesResponse.class).getVolumes().stream()
                .map(DtoMapper::volume)
                .toList());

    byte[] images = fixture("images.json");
    actual.clear();
    List<Object> expected = new ArrayList<>();
    for (JsonNode i : DOCKER_JAVA.readTree(images)) {
      actual.add(EngineCalls.image(i));
      expected.add(DtoMapper.image(DOCKER_JAVA.treeToValue(i, InspectImageResponse.class)));
    }
    assertThat(actual).hasSize(2).isEqualTo(expected);
  }

  @Test
  void theEngineInfoIsWhatDockerJavaMakesOfIt() throws IOException {
    byte[] info = fixture("info.json");
    byte[] version = fixture("version.json");
    var actual =
        EngineCalls.info(ENDPOINT, DOCKER_JAVA.readTree(info), DOCKER_JAVA.readTree(version));
    assertThat(actual)
        .isEqualTo(
            DtoMapper.info(
                ENDPOINT,
                DOCKER_JAVA.readValue(info, Info.class),
                DOCKER_JAVA.readValue(version, Version.class)));
    assertThat(actual.apiVersion()).isEqualTo("1.41");
    assertThat(actual.runtimes()).contains("runc");
    assertThat(actual.cpus()).isPositive();
  }

  @Test
  void execOutputIsReadFromDockersMultiplexedFrames() throws IOException {
    java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
    frame(stream, 1, "out\n");
    frame(stream, 2, "err\n");
    frame(stream, 1, "");
    frame(stream, 1, "done");
    StringBuilder out = new StringBuilder();
    EngineCalls.readFrames(new java.io.ByteArrayInputStream(stream.toByteArray()), out);
    assertThat(out).hasToString("out\nerr\ndone");
    // a stream cut inside a frame keeps what arrived
    byte[] cut = java.util.Arrays.copyOf(stream.toByteArray(), stream.size() - 2);
    StringBuilder partial = new StringBuilder();
    EngineCalls.readFrames(new java.io.ByteArrayInputStream(cut), partial);
    assertThat(partial).hasToString("out\nerr\ndo");
  }

  private static void frame(java.io.ByteArrayOutputStream s, int stream, String text) {
    byte[] p = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    s.write(stream);
    s.writeBytes(new byte[] {0, 0, 0});
    s.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(p.length).array());
    s.writeBytes(p);
  }

  private static ObservedContainer byName(List<ObservedContainer> all, String name) {
    return all.stream().filter(c -> name.equals(c.name())).findFirst().orElseThrow();
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = EngineCallsTest.class.getResourceAsStream("/engine-json/" + name)) {
      return in.readAllBytes();
    }
  }
}
