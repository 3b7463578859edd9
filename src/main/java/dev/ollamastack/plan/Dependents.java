package dev.ollamastack.plan;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.RenderedFile;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.model.ToolServerList;
import dev.ollamastack.model.VolumeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The dependents of a desired state, one per resource, with this apply's overrides applied. */
final class Dependents {
  private Dependents() {}

  static List<Dependent> of(DesiredState desired, Overrides overrides) {
    if (desired.isSwarm()) {
      return SwarmDependents.of(desired, overrides);
    }
    List<Dependent> out = new ArrayList<>();
    out.add(new NetworkDependent(desired.network()));
    for (VolumeSpec v : desired.volumes()) {
      out.add(new VolumeDependent(v));
    }
    // One node per reference: containers sharing an image share its pin (the lock is by reference).
    Map<String, String> images = new LinkedHashMap<>();
    desired.containers().forEach(c -> images.putIfAbsent(c.image(), c.imageDigest()));
    images.forEach((ref, digest) -> out.add(new ImageDependent(ref, digest)));
    Map<String, ContainerSpec> byService =
        desired.containers().stream()
            .collect(Collectors.toMap(ContainerSpec::service, Function.identity()));
    for (ContainerSpec c : desired.containers()) {
      out.add(container(desired, c, byService, overrides));
    }
    toolServers(desired, byService, overrides).ifPresent(out::add);
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

  /**
   * Open WebUI's tool servers, updated once webui and the mcp-proxy they point at run; not while an
   * override stops webui or leaves it alone.
   */
  private static java.util.Optional<Dependent> toolServers(
      DesiredState desired, Map<String, ContainerSpec> byService, Overrides overrides) {
    ToolServerList list = desired.toolServers();
    if (list == null) {
      return java.util.Optional.empty();
    }
    ContainerSpec webui =
        desired.containers().stream()
            .filter(c -> c.name().equals(list.webui()))
            .findFirst()
            .orElse(null);
    if (webui == null
        || override(webui.service(), overrides) == ContainerDependent.RunOverride.STOP
        || override(webui.service(), overrides) == ContainerDependent.RunOverride.LEAVE_ALONE) {
      return java.util.Optional.empty();
    }
    List<ResourceKey> deps = new ArrayList<>();
    deps.add(ResourceKey.container(webui.name()));
    ContainerSpec proxy = byService.get(Component.MCP_PROXY.serviceName());
    if (proxy != null) {
      deps.add(ResourceKey.container(proxy.name()));
    }
    return java.util.Optional.of(new ToolServersDependent(list, deps));
  }

  static ContainerDependent.RunOverride override(String service, Overrides o) {
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
