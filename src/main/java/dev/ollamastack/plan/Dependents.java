package dev.ollamastack.plan;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.RenderedFile;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.model.VolumeSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The dependents of a desired state, one per resource, with this apply's overrides applied. */
final class Dependents {
  private Dependents() {}

  static List<Dependent> of(DesiredState desired, Overrides overrides) {
    List<Dependent> out = new ArrayList<>();
    out.add(new NetworkDependent(desired.network()));
    for (VolumeSpec v : desired.volumes()) {
      out.add(new VolumeDependent(v));
    }
    Set<String> images = new LinkedHashSet<>();
    desired.containers().forEach(c -> images.add(c.image()));
    images.forEach(i -> out.add(new ImageDependent(i)));
    Map<String, ContainerSpec> byService =
        desired.containers().stream()
            .collect(Collectors.toMap(ContainerSpec::service, Function.identity()));
    for (ContainerSpec c : desired.containers()) {
      out.add(container(desired, c, byService, overrides));
    }
    Set<ResourceKey> nodes = out.stream().map(Dependent::key).collect(Collectors.toSet());
    out.addAll(ModelPlanner.dependents(desired, overrides, nodes));
    return out;
  }

  private static Dependent container(
      DesiredState desired,
      ContainerSpec c,
      Map<String, ContainerSpec> byService,
      Overrides overrides) {
    List<ResourceKey> deps = new ArrayList<>();
    deps.add(ResourceKey.network(c.network()));
    c.mounts().stream()
        .filter(m -> m.kind() == Mount.Kind.VOLUME)
        .forEach(m -> deps.add(ResourceKey.volume(m.source())));
    deps.add(ResourceKey.image(c.image()));
    for (String service : c.dependsOnHealthy()) {
      ContainerSpec other = byService.get(service);
      // A service the renderer named but did not render is a planning error, never dropped.
      deps.add(ResourceKey.container(other == null ? service : other.name()));
    }
    List<RenderedFile> files =
        desired.files().stream().filter(f -> f.containerName().equals(c.name())).toList();
    Set<String> names =
        desired.containers().stream().map(ContainerSpec::name).collect(Collectors.toSet());
    return new ContainerDependent(c, files, deps, override(c.service(), overrides), names);
  }

  private static ContainerDependent.RunOverride override(String service, Overrides o) {
    if (o.stop().contains(service)) {
      return ContainerDependent.RunOverride.STOP;
    }
    if (o.leaveAlone().contains(service)) {
      return ContainerDependent.RunOverride.LEAVE_ALONE;
    }
    return o.restart().contains(service)
        ? ContainerDependent.RunOverride.RESTART
        : ContainerDependent.RunOverride.NONE;
  }
}
