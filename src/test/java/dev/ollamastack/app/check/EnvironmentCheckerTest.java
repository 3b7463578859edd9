package dev.ollamastack.app.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.PlatformChoice;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.host.HostProbe.PortUse;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeHost;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentCheckerTest {
  @TempDir Path home;
  final FakeDockerEngine engine = new FakeDockerEngine();
  final FakeHost host = new FakeHost();

  CheckReport check() {
    AppContext ctx = Converged.context(home, engine, host);
    return new EnvironmentChecker(ctx).check(null);
  }

  static CheckItem item(CheckReport r, String name) {
    return r.checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + r.checks()));
  }

  @Test
  void freshMachineWithDockerPassesWithASecretsWarning() {
    CheckReport r = check();
    assertThat(item(r, "stack file").status()).isEqualTo(CheckStatus.PASS);
    assertThat(item(r, "docker").detail()).isEqualTo("Docker 99.0-fake at unix:///fake.sock");
    assertThat(item(r, "docker api").status()).isEqualTo(CheckStatus.PASS);
    assertThat(item(r, "storage driver").detail()).isEqualTo("overlay2");
    assertThat(item(r, "disk space").detail()).isEqualTo("500.0 GB free at /var/lib/docker");
    assertThat(item(r, "platform").detail()).startsWith("cpu (");
    assertThat(item(r, "port 11434 (ollama)").detail()).isEqualTo("free");
    assertThat(item(r, "secrets").status()).isEqualTo(CheckStatus.WARN);
    assertThat(item(r, "secrets").detail()).endsWith("absent: created on first apply");
    assertThat(r.summary().ok()).isTrue();
    assertThat(r.summary().fail()).isZero();
  }

  @Test
  void portHeldByAForeignProcessFailsNamingIt() {
    host.port(8080, new PortUse(true, "nginx", 4242)).port(8200, PortUse.byUnknown());
    CheckReport r = check();
    CheckItem webui = item(r, "port 8080 (webui)");
    assertThat(webui.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(webui.detail()).isEqualTo("in use by process nginx (pid 4242)");
    assertThat(webui.hint()).contains("stop nginx");
    assertThat(item(r, "port 8200 (mcp-proxy)").detail()).isEqualTo("in use by another process");
    assertThat(r.summary().ok()).isFalse();
  }

  @Test
  void portsHeldByOurOwnRunningStackPass() {
    Converged.apply(Converged.context(home, engine), engine);
    // the host sees docker-proxy on every port: the container list says whose it is
    for (int p : List.of(11434, 8080, 8200)) {
      host.port(p, new PortUse(true, "docker-proxy", 99));
    }
    CheckReport r = check();
    CheckItem webui = item(r, "port 8080 (webui)");
    assertThat(webui.status()).isEqualTo(CheckStatus.PASS);
    assertThat(webui.detail()).isEqualTo("in use by ollama-stack-webui (this stack)");
    assertThat(r.summary().ok()).isTrue();
  }

  @Test
  void portHeldByAnotherContainerFailsNamingTheContainer() {
    String id = engine.addContainer("grafana", "grafana/grafana", Map.of(), "running");
    ObservedContainer c = engine.inspectContainer(id).orElseThrow();
    engine.put(
        new ObservedContainer(
            id,
            c.name(),
            c.image(),
            c.imageId(),
            ContainerState.RUNNING,
            null,
            null,
            c.labels(),
            List.of(new PortBinding("0.0.0.0", 11434, 3000)),
            null,
            0));
    CheckItem ollama = item(check(), "port 11434 (ollama)");
    assertThat(ollama.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(ollama.detail()).isEqualTo("in use by container grafana");
    assertThat(ollama.hint()).contains("docker stop grafana");
  }

  @Test
  void dockerDownIsAFailedItemAndTheRestOfTheReportStillComes() {
    engine.unreachable = true;
    CheckReport r = check();
    CheckItem docker = item(r, "docker");
    assertThat(docker.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(docker.detail()).isEqualTo("cannot reach Docker at unix:///fake.sock");
    assertThat(docker.hint()).contains("start Docker");
    assertThat(item(r, "port 8080 (webui)").status()).isEqualTo(CheckStatus.PASS);
    assertThat(r.summary().ok()).isFalse();
  }

  @Test
  void secretsFileModeIsChecked() {
    Path secrets = home.resolve("ollama-stack/secrets.env");
    host.mode(secrets, "rw-r--r--");
    CheckItem loose = item(check(), "secrets");
    assertThat(loose.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(loose.hint()).isEqualTo("run 'chmod 600 " + secrets + "'");
    host.mode(secrets, "rw-------");
    assertThat(item(check(), "secrets").status()).isEqualTo(CheckStatus.PASS);
  }

  @Test
  void lowOrUnknownDiskAndOldApiWarn() {
    host.freeBytes(5_000_000_000L);
    assertThat(item(check(), "disk space").status()).isEqualTo(CheckStatus.WARN);
    host.freeBytes(null);
    assertThat(item(check(), "disk space").detail()).contains("unknown");
    EngineInfo old =
        new EngineInfo("h", null, "19.03", "1.40", "linux", "vfs", "/d", 1, 1, List.of());
    assertThat(DockerChecks.api(old).status()).isEqualTo(CheckStatus.WARN);
    assertThat(DockerChecks.storage(old).status()).isEqualTo(CheckStatus.WARN);
    assertThat(DockerChecks.compare("1.9", "1.41")).isNegative();
    assertThat(DockerChecks.compare("1.43", "1.41")).isPositive();
  }

  @Test
  void nvidiaNeedsDriverToolkitAndRuntime() {
    EngineInfo info =
        new EngineInfo("h", null, "27", "1.47", "linux", "overlay2", "/d", 8, 1, List.of("runc"));
    PlatformChoice nvidia = new PlatformChoice(Platform.NVIDIA, "spec.platform: nvidia");
    StackSpec spec = StackSpec.defaults().withPlatform(Platform.NVIDIA);
    List<CheckItem> bare = PlatformChecks.of(spec, nvidia, info, host);
    assertThat(bare)
        .extracting(CheckItem::status)
        .containsExactly(CheckStatus.PASS, CheckStatus.FAIL, CheckStatus.FAIL, CheckStatus.WARN);

    host.installed("nvidia-smi").file("/etc/cdi/nvidia.yaml", "kind: nvidia.com/gpu");
    EngineInfo withRuntime =
        new EngineInfo(
            "h", null, "27", "1.47", "linux", "overlay2", "/d", 8, 1, List.of("runc", "nvidia"));
    List<CheckItem> ready = PlatformChecks.of(spec, nvidia, withRuntime, host);
    assertThat(ready).extracting(CheckItem::status).containsOnly(CheckStatus.PASS);
    assertThat(ready.get(2).detail()).isEqualTo("CDI spec /etc/cdi/nvidia.yaml");
  }

  @Test
  void checkCountsACdiSpecExactlyWhenDetectionDoes() {
    EngineInfo runc =
        new EngineInfo("h", null, "27", "1.47", "linux", "overlay2", "/d", 8, 1, List.of("runc"));
    StackSpec spec = StackSpec.defaults().withPlatform(Platform.NVIDIA);
    PlatformChoice nvidia = new PlatformChoice(Platform.NVIDIA, "spec.platform: nvidia");
    host.installed("nvidia-smi").nvidiaGpus(1);

    host.file("/etc/cdi/nvidia-notes.txt", "see nvidia.com/gpu");
    assertThat(toolkit(PlatformChecks.of(spec, nvidia, runc, host)).status())
        .isEqualTo(CheckStatus.FAIL);
    assertThat(new PlatformResolver(host).resolve(StackSpec.defaults(), null, runc).platform())
        .isEqualTo(Platform.CPU);

    host.file("/etc/cdi/gpus.yaml", "kind: nvidia.com/gpu");
    assertThat(toolkit(PlatformChecks.of(spec, nvidia, runc, host)).detail())
        .isEqualTo("CDI spec /etc/cdi/gpus.yaml");
    assertThat(new PlatformResolver(host).resolve(StackSpec.defaults(), null, runc).platform())
        .isEqualTo(Platform.NVIDIA);
  }

  static CheckItem toolkit(List<CheckItem> items) {
    return items.stream()
        .filter(c -> c.name().equals("nvidia container toolkit"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void amdNeedsDevicesAndCpuSkipsGpuChecks() {
    PlatformChoice amd = new PlatformChoice(Platform.AMD, "spec.platform: amd");
    host.dir("/dev/dri");
    List<CheckItem> items = PlatformChecks.of(StackSpec.defaults(), amd, null, host);
    assertThat(items)
        .extracting(CheckItem::name, CheckItem::status)
        .contains(
            org.assertj.core.groups.Tuple.tuple("amd /dev/kfd", CheckStatus.FAIL),
            org.assertj.core.groups.Tuple.tuple("amd /dev/dri", CheckStatus.PASS));
    PlatformChoice cpu = new PlatformChoice(Platform.CPU, "auto");
    assertThat(PlatformChecks.of(StackSpec.defaults(), cpu, null, host))
        .extracting(CheckItem::status)
        .containsExactly(CheckStatus.PASS, CheckStatus.SKIP);
  }

  @Test
  void nativeAndExternalOllamaMustAnswer() {
    StackSpec external =
        StackSpec.defaults()
            .withOllama(
                StackSpec.defaults()
                    .ollama()
                    .withMode(OllamaMode.EXTERNAL, "http://gpu-box:11434"));
    PlatformChoice cpu = new PlatformChoice(Platform.CPU, "auto");
    CheckItem down = PlatformChecks.of(external, cpu, null, host).get(2);
    assertThat(down.name()).isEqualTo("external ollama");
    assertThat(down.status()).isEqualTo(CheckStatus.FAIL);
    host.ollama("http://gpu-box:11434", "0.32.15");
    assertThat(PlatformChecks.of(external, cpu, null, host).get(2).detail())
        .isEqualTo("Ollama 0.32.15 at http://gpu-box:11434");
    PlatformChoice apple = new PlatformChoice(Platform.APPLE, "auto: Apple Silicon");
    assertThat(PlatformChecks.of(StackSpec.defaults(), apple, null, host).get(2).name())
        .isEqualTo("native ollama");
  }
}
