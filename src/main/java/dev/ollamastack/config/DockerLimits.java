package dev.ollamastack.config;

import dev.ollamastack.config.SourceMap.Location;
import dev.ollamastack.model.Resources;
import dev.ollamastack.model.StackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resource limits the Docker daemon refuses whatever the host: caught at validate, at their line,
 * instead of failing the create in the middle of an apply.
 */
final class DockerLimits {
  /** The daemon's {@code linuxMinMemory}: "Minimum memory limit allowed is 6MB". */
  static final long MIN_MEMORY_BYTES = 6L * 1024 * 1024;

  /** The daemon's NanoCPUs floor: "Range of CPUs is from 0.01 to …". */
  static final double MIN_CPUS = 0.01;

  private DockerLimits() {}

  static List<Problem> problems(StackSpec spec, String file, SourceMap sources) {
    List<Map.Entry<String, Resources>> limits =
        List.of(
            Map.entry("spec.services.ollama.resources", spec.ollama().resources()),
            Map.entry("spec.services.webui.resources", spec.webui().resources()),
            Map.entry("spec.services.mcpProxy.resources", spec.mcpProxy().resources()));
    List<Problem> problems = new ArrayList<>();
    limits.forEach(
        e -> {
          String prefix = e.getKey();
          Resources r = e.getValue();
          if (r.memoryBytes() != null && r.memoryBytes() < MIN_MEMORY_BYTES) {
            problems.add(
                at(
                    file,
                    sources,
                    prefix + ".memory",
                    "is below the 6m (6 MiB) Docker allows for a container; use 6m or more"));
          }
          if (r.cpus() != null && r.cpus() < MIN_CPUS) {
            problems.add(
                at(
                    file,
                    sources,
                    prefix + ".cpus",
                    "is below the 0.01 CPUs Docker allows for a container; use 0.01 or more"));
          }
        });
    return problems;
  }

  private static Problem at(String file, SourceMap sources, String path, String message) {
    Location where = sources.value(path);
    return new Problem(file, where.line(), where.column(), path, message);
  }
}
