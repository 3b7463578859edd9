package dev.ollamastack.plan.render;

import dev.ollamastack.model.GpuAccess;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.Resources;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.StackSpec;
import java.time.Duration;
import java.util.List;

/**
 * What every component's container is rendered from.
 *
 * @param spec the stack, platform resolved and {@link PlatformDefaults} applied
 * @param hostCpus CPUs of the Docker host: limits are clamped to it
 * @param network the stack network every container joins
 * @param gpuAccess how NVIDIA GPUs reach the ollama container (detected from the host)
 * @param stateDir {@code $OLLAMA_STACK_HOME/<name>} on the Docker host, for mounted files
 * @param formVersion the form version to render: {@link ConfigHash#FORM_VERSION}, or an earlier one
 *     to reproduce what an earlier release made of the same input
 */
public record RenderInputs(
    StackSpec spec,
    Secrets secrets,
    int hostCpus,
    String network,
    GpuAccess gpuAccess,
    String stateDir,
    int formVersion) {

  /** The same inputs, rendered as form {@code version}. */
  RenderInputs asForm(int version) {
    return new RenderInputs(spec, secrets, hostCpus, network, gpuAccess, stateDir, version);
  }

  /** {@code hostPort} published on the address {@code expose} names; none when it is null. */
  List<PortBinding> ports(Integer hostPort, int containerPort) {
    return hostPort == null
        ? List.of()
        : List.of(new PortBinding(spec.expose().hostIp(), hostPort, containerPort));
  }

  /** Never ask Docker for more CPUs than the host has: it refuses to create the container. */
  Resources clamp(Resources r) {
    if (r.cpus() == null || r.cpus() <= hostCpus) {
      return r;
    }
    return new Resources(r.memoryBytes(), (double) hostCpus);
  }

  static Duration secs(int s) {
    return Duration.ofSeconds(s);
  }
}
