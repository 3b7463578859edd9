package dev.ollamastack.model;

import java.util.List;

/**
 * The rendered desired resources of one installation: what {@code apply} converges Docker to.
 *
 * @param ollamaUrl where the tool reaches Ollama from the host (published port, native or external
 *     URL), or {@code null} when it cannot (container without published port)
 * @param files host files containers mount, written before the container is created
 * @param models desired models; {@code pruneModels} removes others
 */
public record DesiredState(
    String installation,
    NetworkSpec network,
    List<VolumeSpec> volumes,
    List<ContainerSpec> containers,
    List<RenderedFile> files,
    String ollamaUrl,
    List<String> models,
    boolean pruneModels) {

  public DesiredState {
    volumes = List.copyOf(volumes);
    containers = List.copyOf(containers);
    files = List.copyOf(files);
    models = List.copyOf(models);
  }
}
