package dev.ollamastack.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.DeviceSpec;
import dev.ollamastack.model.GpuAccess;
import dev.ollamastack.model.GpuRequest;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.OllamaSpec;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.plan.render.PlatformDefaults;
import dev.ollamastack.plan.render.StackRenderer;
import dev.ollamastack.testsupport.Stacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformRenderingTest {

  static StackSpec on(Platform p) {
    return StackSpec.defaults().withPlatform(p);
  }

  static StackSpec withGpus(GpuRequest gpus) {
    OllamaSpec o = OllamaSpec.defaults();
    return on(Platform.NVIDIA)
        .withOllama(
            new OllamaSpec(
                o.mode(),
                o.url(),
                o.image(),
                o.port(),
                o.env(),
                o.resources(),
                gpus,
                o.models(),
                o.pruneModels()));
  }

  static ContainerSpec container(DesiredState d, String service) {
    return d.containers().stream()
        .filter(c -> c.service().equals(service))
        .findFirst()
        .orElseThrow();
  }

  static DesiredState render(StackSpec spec, GpuAccess access) {
    return new StackRenderer("test", access).render(spec, Stacks.SECRETS, 4, "/state/x");
  }

  @Test
  void nvidiaPutsTheDeviceRequestOnTheOllamaContainerOnly() {
    DesiredState d = Stacks.render(on(Platform.NVIDIA));
    assertThat(container(d, "ollama").devices())
        .isEqualTo(new DeviceSpec(GpuRequest.ALL, List.of(), List.of()));
    assertThat(container(d, "webui").devices()).isEqualTo(DeviceSpec.NONE);
    assertThat(container(d, "mcp-proxy").devices()).isEqualTo(DeviceSpec.NONE);
    assertThat(container(d, "ollama").image()).isEqualTo("ollama/ollama:latest");
  }

  @Test
  void nvidiaCountAndUuidsPassThrough() {
    assertThat(container(Stacks.render(withGpus(new GpuRequest.Count(2))), "ollama").devices())
        .isEqualTo(new DeviceSpec(new GpuRequest.Count(2), List.of(), List.of()));
    GpuRequest ids = new GpuRequest.DeviceIds(List.of("GPU-1a2b", "GPU-3c4d"));
    assertThat(container(Stacks.render(withGpus(ids)), "ollama").devices().gpuRequest())
        .isEqualTo(ids);
  }

  @Test
  void nvidiaWithOnlyCdiUsesCdiDeviceNames() {
    assertThat(container(render(on(Platform.NVIDIA), GpuAccess.CDI), "ollama").devices())
        .isEqualTo(new DeviceSpec(null, List.of("nvidia.com/gpu=all"), List.of()));
    assertThat(
            container(render(withGpus(new GpuRequest.Count(2)), GpuAccess.CDI), "ollama")
                .devices()
                .cdiDevices())
        .containsExactly("nvidia.com/gpu=0", "nvidia.com/gpu=1");
    assertThat(
            container(
                    render(withGpus(new GpuRequest.DeviceIds(List.of("GPU-1a2b"))), GpuAccess.CDI),
                    "ollama")
                .devices()
                .cdiDevices())
        .containsExactly("nvidia.com/gpu=GPU-1a2b");
  }

  @Test
  void cdiAndDeviceRequestHashDifferently() {
    String viaRequest =
        container(render(on(Platform.NVIDIA), GpuAccess.DEVICE_REQUEST), "ollama")
            .labels()
            .get(dev.ollamastack.model.Labels.CONFIG_HASH);
    String viaCdi =
        container(render(on(Platform.NVIDIA), GpuAccess.CDI), "ollama")
            .labels()
            .get(dev.ollamastack.model.Labels.CONFIG_HASH);
    assertThat(viaRequest).isNotEqualTo(viaCdi);
  }

  @Test
  void amdUsesTheRocmImageAndMapsKfdAndDri() {
    ContainerSpec ollama = container(Stacks.render(on(Platform.AMD)), "ollama");
    assertThat(ollama.image()).isEqualTo("ollama/ollama:rocm");
    assertThat(ollama.devices())
        .isEqualTo(new DeviceSpec(null, List.of(), List.of("/dev/kfd", "/dev/dri")));
  }

  @Test
  void amdKeepsAnExplicitImage() {
    OllamaSpec o = OllamaSpec.defaults();
    StackSpec spec =
        on(Platform.AMD)
            .withOllama(
                new OllamaSpec(
                    o.mode(),
                    null,
                    "ollama/ollama:0.5.7-rocm",
                    o.port(),
                    o.env(),
                    null,
                    null,
                    List.of(),
                    false));
    assertThat(container(Stacks.render(spec), "ollama").image())
        .isEqualTo("ollama/ollama:0.5.7-rocm");
  }

  @Test
  void cpuHasNoDevices() {
    assertThat(container(Stacks.render(on(Platform.CPU)), "ollama").devices())
        .isEqualTo(DeviceSpec.NONE);
  }

  @Test
  void appleDefaultsToNativeOllamaReachedThroughTheHostGateway() {
    DesiredState d = Stacks.render(on(Platform.APPLE));
    assertThat(d.containers()).extracting(ContainerSpec::service).doesNotContain("ollama");
    assertThat(d.volumes()).extracting(v -> v.name()).doesNotContain("ollama-stack_ollama_data");
    ContainerSpec webui = container(d, "webui");
    assertThat(webui.env()).containsEntry("OLLAMA_BASE_URL", "http://host.docker.internal:11434");
    assertThat(webui.extraHosts()).containsExactly("host.docker.internal:host-gateway");
    assertThat(webui.dependsOnHealthy()).isEmpty();
    assertThat(d.ollamaUrl()).isEqualTo("http://127.0.0.1:11434");
    assertThat(PlatformDefaults.nativeByDefault(on(Platform.APPLE))).isTrue();
  }

  @Test
  void appleWithAnExplicitImageKeepsTheContainer() {
    OllamaSpec o = OllamaSpec.defaults();
    StackSpec spec =
        on(Platform.APPLE)
            .withOllama(
                new OllamaSpec(
                    OllamaMode.CONTAINER,
                    null,
                    OllamaSpec.DEFAULT_IMAGE,
                    o.port(),
                    o.env(),
                    null,
                    null,
                    List.of(),
                    false));
    DesiredState d = Stacks.render(spec);
    assertThat(d.containers()).extracting(ContainerSpec::service).contains("ollama");
    assertThat(container(d, "ollama").devices()).isEqualTo(DeviceSpec.NONE);
    assertThat(container(d, "webui").extraHosts()).isEmpty();
  }

  @Test
  void nativeOnLinuxAlsoGetsTheHostGateway() {
    StackSpec spec =
        on(Platform.CPU).withOllama(OllamaSpec.defaults().withMode(OllamaMode.NATIVE, null));
    ContainerSpec webui = container(Stacks.render(spec), "webui");
    assertThat(webui.extraHosts()).containsExactly("host.docker.internal:host-gateway");
    assertThat(webui.env()).containsEntry("OLLAMA_BASE_URL", "http://host.docker.internal:11434");
  }

  @Test
  void externalUrlIsPassedToWebuiAndUsedFromTheHost() {
    StackSpec spec =
        on(Platform.CPU)
            .withOllama(
                OllamaSpec.defaults().withMode(OllamaMode.EXTERNAL, "http://gpu-box.lan:11434"));
    DesiredState d = Stacks.render(spec);
    assertThat(d.containers()).extracting(ContainerSpec::service).doesNotContain("ollama");
    ContainerSpec webui = container(d, "webui");
    assertThat(webui.env()).containsEntry("OLLAMA_BASE_URL", "http://gpu-box.lan:11434");
    assertThat(webui.extraHosts()).isEmpty();
    assertThat(d.ollamaUrl()).isEqualTo("http://gpu-box.lan:11434");
  }

  @Test
  void externalUrlOnTheDockerHostGetsTheHostGateway() {
    StackSpec spec =
        on(Platform.CPU)
            .withOllama(
                OllamaSpec.defaults()
                    .withMode(OllamaMode.EXTERNAL, "http://host.docker.internal:11500"));
    assertThat(container(Stacks.render(spec), "webui").extraHosts())
        .containsExactly("host.docker.internal:host-gateway");
  }

  @Test
  void ollamaEnvIsPassedThroughVerbatimIncludingUnknownKeys() {
    Map<String, String> env =
        Map.of(
            "OLLAMA_KEEP_ALIVE", "24h",
            "OLLAMA_NUM_PARALLEL", "2",
            "OLLAMA_SOME_FUTURE_KNOB", "on",
            "OLLAMA_FLASH_ATTENTION", "1");
    for (Platform p : List.of(Platform.CPU, Platform.NVIDIA, Platform.AMD)) {
      StackSpec spec = on(p).withOllama(OllamaSpec.defaults().withEnv(env));
      ContainerSpec ollama = container(Stacks.render(spec), "ollama");
      assertThat(ollama.env()).as("%s", p).isEqualTo(env);
      assertThat(ollama.labels().get(dev.ollamastack.model.Labels.SPEC))
          .contains("\"OLLAMA_SOME_FUTURE_KNOB\":\"on\"");
    }
  }
}
