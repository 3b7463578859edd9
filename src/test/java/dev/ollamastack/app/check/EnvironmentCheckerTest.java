package dev.ollamastack.app.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.PlatformChoice;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.check.HostProbe.PortUse;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
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
    AppContext ctx = Converged.context(home, engine);
    return new EnvironmentChecker(ctx, host, new PlatformResolver()).check(null);
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
    host.ports.put(8080, new PortUse(true, "nginx", 4242));
    host.ports.put(8200, PortUse.byUnknown());
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
      host.ports.put(p, new PortUse(true, "docker-proxy", 99));
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
    host.file(secrets, "rw-r--r--");
    CheckItem loose = item(check(), "secrets");
    assertThat(loose.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(loose.hint()).isEqualTo("run 'chmod 600 " + secrets + "'");
    host.file(secrets, "rw-------");
    assertThat(item(check(), "secrets").status()).isEqualTo(CheckStatus.PASS);
  }

  @Test
  void lowOrUnknownDiskAndOldApiWarn() {
    host.freeBytes = 5_000_000_000L;
    assertThat(item(check(), "disk space").status()).isEqualTo(CheckStatus.WARN);
    host.freeBytes = null;
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

    host.commands.add("nvidia-smi");
    host.dirs.put(Path.of("/etc/cdi"), List.of("nvidia.yaml"));
    EngineInfo withRuntime =
        new EngineInfo(
            "h", null, "27", "1.47", "linux", "overlay2", "/d", 8, 1, List.of("runc", "nvidia"));
    List<CheckItem> ready = PlatformChecks.of(spec, nvidia, withRuntime, host);
    assertThat(ready).extracting(CheckItem::status).containsOnly(CheckStatus.PASS);
    assertThat(ready.get(2).detail()).isEqualTo("CDI spec /etc/cdi/nvidia.yaml");
  }

  @Test
  void amdNeedsDevicesAndCpuSkipsGpuChecks() {
    PlatformChoice amd = new PlatformChoice(Platform.AMD, "spec.platform: amd");
    host.files.add(Path.of("/dev/dri"));
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
    host.ollamas.put("http://gpu-box:11434", "0.32.15");
    assertThat(PlatformChecks.of(external, cpu, null, host).get(2).detail())
        .isEqualTo("Ollama 0.32.15 at http://gpu-box:11434");
    PlatformChoice apple = new PlatformChoice(Platform.APPLE, "auto: Apple Silicon");
    assertThat(PlatformChecks.of(StackSpec.defaults(), apple, null, host).get(2).name())
        .isEqualTo("native ollama");
  }

  @Test
  void procNetListeningSocketsByPort() {
    String table =
        """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0
           1: 0100007F:1F90 0100007F:D0F2 01 00000000:00000000 00:00000000 00000000     0        0 777 1
           2: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 888 1
        """;
    assertThat(ProcNet.listeningInodes(table, 11434)).containsExactly(12345L);
    assertThat(ProcNet.listeningInodes(table, 8080)).containsExactly(888L);
    assertThat(ProcNet.listeningInodes(table, 9999)).isEmpty();
  }
}
