package dev.ollamastack.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.GpuAccess;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.plan.StackRenderer;
import dev.ollamastack.testsupport.Stacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU wiring of a rendered nvidia stack, as the real daemon stores it. Containers are created,
 * never started: this host has no GPU, and a GPU container only fails at start. Uses a tiny local
 * image (busybox on scratch) so no registry is needed.
 */
class GpuDeviceRequestIT {
  static final String IMAGE = "ollama-stack-test/gpu-probe:latest";
  static final String LABEL = "ollama-stack-test.gpu-probe";

  static DockerClient docker;
  final String run = UUID.randomUUID().toString().substring(0, 8);
  final List<String> created = new ArrayList<>();

  @BeforeAll
  static void connect(@TempDir Path context) throws Exception {
    DockerClientConfig cfg =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withApiVersion("1.41").build();
    docker =
        DockerClientImpl.getInstance(
            cfg,
            new ZerodepDockerHttpClient.Builder()
                .dockerHost(cfg.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5))
                .build());
    try {
      docker.pingCmd().exec();
    } catch (RuntimeException e) {
      docker = null;
      assumeTrue(false, "no Docker daemon: " + e.getMessage());
    }
    Path busybox = Path.of("/bin/busybox");
    assumeTrue(Files.isRegularFile(busybox), "needs a static /bin/busybox to build the image");
    Files.copy(busybox, context.resolve("busybox"));
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM scratch\nCOPY busybox /bin/busybox\nCMD [\"/bin/busybox\", \"sleep\", \"300\"]\n");
    docker.buildImageCmd(context.toFile()).withTags(Set.of(IMAGE)).start().awaitImageId();
  }

  @AfterEach
  void removeContainers() {
    for (String id : created) {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }

  @AfterAll
  static void close() throws Exception {
    if (docker != null) {
      try {
        docker.removeImageCmd(IMAGE).withForce(true).exec();
      } catch (RuntimeException e) {
        // already gone, or in use by a parallel run of this test: leave it
      }
      docker.close();
    }
  }

  /** Creates the rendered container's device wiring on our tiny image. */
  String create(ContainerSpec spec) {
    HostConfig hc = DockerJavaMapping.apply(HostConfig.newHostConfig(), spec.devices());
    String id =
        docker
            .createContainerCmd(IMAGE)
            .withName("ollama-stack-it-" + spec.service() + "-" + run)
            .withLabels(Map.of(LABEL, run))
            .withHostConfig(hc)
            .exec()
            .getId();
    created.add(id);
    return id;
  }

  static ContainerSpec ollama(DesiredState d) {
    return d.containers().stream()
        .filter(c -> c.service().equals("ollama"))
        .findFirst()
        .orElseThrow();
  }

  static DesiredState render(Platform p, GpuAccess access) {
    StackSpec spec = StackSpec.defaults().withPlatform(p);
    return new StackRenderer("it", access).render(spec, Stacks.SECRETS, 2, "/tmp/it-state");
  }

  @Test
  void nvidiaOllamaAsksForAllGpusAndOtherServicesForNone() {
    DesiredState d = render(Platform.NVIDIA, GpuAccess.DEVICE_REQUEST);
    InspectContainerResponse ollama = docker.inspectContainerCmd(create(ollama(d))).exec();
    List<DeviceRequest> requests = ollama.getHostConfig().getDeviceRequests();
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).getCount()).isEqualTo(-1);
    assertThat(requests.get(0).getCapabilities()).containsExactly(List.of("gpu"));

    ContainerSpec webui =
        d.containers().stream().filter(c -> c.service().equals("webui")).findFirst().orElseThrow();
    InspectContainerResponse w = docker.inspectContainerCmd(create(webui)).exec();
    assertThat(w.getHostConfig().getDeviceRequests()).isNullOrEmpty();
  }

  @Test
  void nvidiaWithOnlyCdiAsksForCdiDeviceNames() {
    DesiredState d = render(Platform.NVIDIA, GpuAccess.CDI);
    InspectContainerResponse ollama = docker.inspectContainerCmd(create(ollama(d))).exec();
    assertThat(ollama.getHostConfig().getDeviceRequests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getDriver()).isEqualTo("cdi");
              assertThat(r.getDeviceIds()).containsExactly("nvidia.com/gpu=all");
            });
  }

  @Test
  void execReturnsExitCodeAndMergedOutput() {
    String id =
        docker
            .createContainerCmd(IMAGE)
            .withName("ollama-stack-it-exec-" + run)
            .withLabels(Map.of(LABEL, run))
            .exec()
            .getId();
    created.add(id);
    docker.startContainerCmd(id).exec();
    ExecResult ok =
        DockerJavaMapping.exec(
            docker, id, List.of("/bin/busybox", "echo", "hello"), Duration.ofSeconds(10));
    assertThat(ok).isEqualTo(new ExecResult(0, "hello\n"));
    ExecResult fail =
        DockerJavaMapping.exec(
            docker,
            id,
            List.of("/bin/busybox", "sh", "-c", "echo oops >&2; exit 7"),
            Duration.ofSeconds(10));
    assertThat(fail.exitCode()).isEqualTo(7);
    assertThat(fail.output()).isEqualTo("oops\n");
    ExecResult missing =
        DockerJavaMapping.exec(docker, id, List.of("curl", "-fsS", "x"), Duration.ofSeconds(10));
    assertThat(missing.exitCode()).isIn(126, 127);
  }
}
