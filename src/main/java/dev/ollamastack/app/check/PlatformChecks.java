package dev.ollamastack.app.check;

import dev.ollamastack.app.PlatformChoice;
import dev.ollamastack.app.host.CdiSpecs;
import dev.ollamastack.app.host.HostProbe;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.StackSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The platform chosen and what it needs: NVIDIA driver and toolkit, AMD devices, native Ollama. */
final class PlatformChecks {
  static final String DEFAULT_NATIVE_URL = "http://localhost:11434";

  private PlatformChecks() {}

  /**
   * @param info the engine, or {@code null} when unreachable
   */
  static List<CheckItem> of(
      StackSpec spec, PlatformChoice choice, EngineInfo info, HostProbe host) {
    List<CheckItem> items = new ArrayList<>();
    items.add(
        CheckItem.pass("platform", choice.platform().yamlName() + " (" + choice.reason() + ")"));
    switch (choice.platform()) {
      case NVIDIA -> items.addAll(nvidia(info, host));
      case AMD -> items.addAll(amd(host));
      case CPU, APPLE, AUTO ->
          items.add(
              CheckItem.skip("gpu", "no GPU checks for platform " + choice.platform().yamlName()));
    }
    OllamaMode mode = spec.ollama().mode();
    if (mode == OllamaMode.NATIVE
        || (choice.platform() == Platform.APPLE && mode != OllamaMode.EXTERNAL)) {
      String url = spec.ollama().url() != null ? spec.ollama().url() : DEFAULT_NATIVE_URL;
      items.add(
          ollamaAt("native ollama", url, host, "start the Ollama app, or run 'ollama serve'"));
    } else if (mode == OllamaMode.EXTERNAL) {
      items.add(
          ollamaAt(
              "external ollama",
              spec.ollama().url(),
              host,
              "check spec.ollama.url and that the server listens on that address"));
    }
    return items;
  }

  static List<CheckItem> nvidia(EngineInfo info, HostProbe host) {
    List<CheckItem> items = new ArrayList<>();
    items.add(
        host.onPath("nvidia-smi")
            ? CheckItem.pass("nvidia driver", "nvidia-smi found")
            : CheckItem.fail(
                "nvidia driver",
                "nvidia-smi not found",
                "install the NVIDIA driver, or set platform: cpu"));
    String cdi = CdiSpecs.nvidia(host).map(Path::toString).orElse(null);
    boolean toolkit =
        cdi != null || host.onPath("nvidia-ctk") || host.onPath("nvidia-container-runtime");
    items.add(
        toolkit
            ? CheckItem.pass(
                "nvidia container toolkit", cdi != null ? "CDI spec " + cdi : "nvidia-ctk found")
            : CheckItem.fail(
                "nvidia container toolkit",
                "no CDI spec in /etc/cdi or /var/run/cdi and no nvidia-ctk",
                "install the NVIDIA Container Toolkit"));
    if (info == null) {
      items.add(CheckItem.skip("nvidia runtime", "Docker unreachable"));
    } else if (info.runtimes() != null && info.runtimes().contains("nvidia")) {
      items.add(CheckItem.pass("nvidia runtime", "registered with Docker"));
    } else {
      items.add(
          CheckItem.warn(
              "nvidia runtime",
              "not registered with Docker (runtimes: " + info.runtimes() + ")",
              "run 'sudo nvidia-ctk runtime configure --runtime=docker' and restart Docker"));
    }
    return items;
  }

  static List<CheckItem> amd(HostProbe host) {
    List<CheckItem> items = new ArrayList<>();
    for (String dev : List.of("/dev/kfd", "/dev/dri")) {
      items.add(
          host.exists(Path.of(dev))
              ? CheckItem.pass("amd " + dev, "present")
              : CheckItem.fail(
                  "amd " + dev,
                  dev + " missing",
                  "install the ROCm driver (amdgpu), or set platform: cpu"));
    }
    return items;
  }

  private static CheckItem ollamaAt(String name, String url, HostProbe host, String hint) {
    if (url == null) {
      return CheckItem.fail(name, "no URL set", "set spec.ollama.url");
    }
    return host.ollamaVersion(url)
        .map(v -> CheckItem.pass(name, "Ollama " + v + " at " + url))
        .orElseGet(() -> CheckItem.fail(name, "no Ollama answers at " + url, hint));
  }
}
