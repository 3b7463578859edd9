package dev.ollamastack.platform;

import static dev.ollamastack.testsupport.DockerCli.inspect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.engine.docker.DockerJavaEngineFactory;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.GpuAccess;
import dev.ollamastack.model.OllamaSpec;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.plan.render.StackRenderer;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.Stacks;
import dev.ollamastack.testsupport.StandInImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GPU wiring of a rendered nvidia stack as the real daemon stores it, created through our
 * engine adapter. Containers are created, never started: this host has no GPU, and a GPU container
 * only fails at start.
 */
@DockerAvailable
class GpuDeviceRequestIT {
  private final String name = "osgpu-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> created = new ArrayList<>();
  private DockerEngine engine;
  private DesiredState desired;

  @BeforeEach
  void connect() {
    StandInImages.ensureBuilt();
    engine = new DockerJavaEngineFactory(System.getenv()).connect();
  }

  @AfterEach
  void cleanUp() {
    created.forEach(id -> DockerCli.tryRun("rm", "-f", id));
    if (desired != null) {
      DockerCli.tryRun("network", "rm", desired.network().name());
      desired.volumes().forEach(v -> DockerCli.tryRun("volume", "rm", v.name()));
    }
    engine.close();
  }

  private DesiredState render(GpuAccess access) {
    StackSpec base = StackSpec.defaults().withName(name).withPlatform(Platform.NVIDIA);
    OllamaSpec o = base.ollama();
    OllamaSpec standIn =
        new OllamaSpec(
            o.mode(),
            o.url(),
            StandInImages.ollama(),
            null,
            o.env(),
            o.resources(),
            o.gpus(),
            o.models(),
            false);
    StackSpec spec = base.withOllama(standIn);
    spec =
        new StackSpec(
            spec.name(),
            spec.platform(),
            spec.expose(),
            spec.ollama(),
            spec.webui().withImage(StandInImages.webui()).withPort(null),
            spec.mcpProxy(),
            spec.extensions(),
            spec.backup());
    desired = new StackRenderer("it", access).render(spec, Stacks.SECRETS, 2, "/tmp/" + name);
    engine.createNetwork(desired.network());
    return desired;
  }

  private String create(String service) {
    ContainerSpec c =
        desired.containers().stream()
            .filter(s -> s.service().equals(service))
            .findFirst()
            .orElseThrow();
    String id = engine.createContainer(c);
    created.add(id);
    return id;
  }

  @Test
  void nvidiaOllamaAsksForAllGpusAndWebuiForNone() {
    render(GpuAccess.DEVICE_REQUEST);
    String ollama = create("ollama");
    assertThat(inspect(ollama, "{{json .HostConfig.DeviceRequests}}"))
        .contains("\"Driver\":\"nvidia\"", "\"Count\":-1", "\"Capabilities\":[[\"gpu\"]]");
    String webui = create("webui");
    assertThat(inspect(webui, "{{json .HostConfig.DeviceRequests}}")).isIn("null", "[]");
  }

  @Test
  void nvidiaWithOnlyCdiAsksForCdiDeviceNames() {
    render(GpuAccess.CDI);
    String ollama = create("ollama");
    assertThat(inspect(ollama, "{{json .HostConfig.DeviceRequests}}"))
        .contains("\"Driver\":\"cdi\"", "\"DeviceIDs\":[\"nvidia.com/gpu=all\"]");
  }

  @Test
  void execReturnsExitCodeAndMergedOutputAndTheOllamaImageHasNoCurl() {
    String id =
        DockerCli.run("run", "-d", "--init", "--name", name + "-exec", StandInImages.ollama());
    created.add(id);
    assertThat(engine.exec(id, List.of("sh", "-c", "echo hello"), Duration.ofSeconds(10)))
        .isEqualTo(new ExecResult(0, "hello\n"));
    ExecResult fail =
        engine.exec(id, List.of("sh", "-c", "echo oops >&2; exit 7"), Duration.ofSeconds(10));
    assertThat(fail).isEqualTo(new ExecResult(7, "oops\n"));
    assertThat(
            engine
                .exec(
                    id, List.of("curl", "-fsS", "http://127.0.0.1:11434/"), Duration.ofSeconds(10))
                .exitCode())
        .isIn(126, 127);
  }
}
