package dev.ollamastack.app;

import dev.ollamastack.app.host.HostProbe;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.model.GpuAccess;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.StackSpec;
import java.util.List;

/**
 * Resolves the platform to render for: {@code --platform} wins, then {@code spec.platform}, and
 * {@code auto} is detected from the host ({@link PlatformDetector}). Also decides how an NVIDIA GPU
 * is handed over (device request or CDI), which the stack file does not say.
 */
public final class PlatformResolver {
  private final PlatformDetector detector;

  /**
   * @param host the machine {@code auto} is detected on: the context's ({@link AppContext#host()})
   */
  public PlatformResolver(HostProbe host) {
    this.detector = new PlatformDetector(host);
  }

  /**
   * The platform for a stack.
   *
   * @param override {@code --platform}, or {@code null}/{@code auto} for the stack file's
   * @param engine what Docker reported (its runtimes tell whether the nvidia runtime is
   *     registered), or {@code null} when Docker was not asked: then only the host is looked at
   */
  public PlatformChoice resolve(StackSpec spec, Platform override, EngineInfo engine) {
    List<String> runtimes =
        engine == null || engine.runtimes() == null ? List.of() : engine.runtimes();
    if (override != null && override != Platform.AUTO) {
      return explicit(override, "--platform " + override.yamlName(), runtimes);
    }
    if (spec.platform() != Platform.AUTO) {
      return explicit(spec.platform(), "spec.platform: " + spec.platform().yamlName(), runtimes);
    }
    return detector.detect(runtimes);
  }

  /** {@link #resolve(StackSpec, Platform, EngineInfo)} without asking Docker about runtimes. */
  public PlatformChoice resolve(StackSpec spec, Platform override) {
    return resolve(spec, override, null);
  }

  private PlatformChoice explicit(Platform p, String reason, List<String> runtimes) {
    if (p != Platform.NVIDIA) {
      return new PlatformChoice(p, reason);
    }
    GpuAccess access = detector.nvidiaAccess(runtimes);
    return access == GpuAccess.CDI
        ? new PlatformChoice(p, reason + " (CDI devices: no nvidia runtime registered)", access)
        : new PlatformChoice(p, reason, access);
  }
}
