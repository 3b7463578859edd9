package dev.ollamastack.plan;

import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.NetworkSpec;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.model.SwarmFile;
import dev.ollamastack.model.SwarmFileMount;
import dev.ollamastack.model.SwarmService;
import dev.ollamastack.model.VolumeSpec;
import dev.ollamastack.plan.render.SwarmForm;
import java.util.ArrayList;
import java.util.List;

/**
 * The dependents of a desired state on the {@code swarm} target: the overlay network, the volumes
 * (on this node; another node makes a service's volume with the same labels when its task lands
 * there), the secrets and configs, and one service per container spec. No image pulls: each node
 * pulls what its tasks run.
 */
final class SwarmDependents {
  private SwarmDependents() {}

  static List<Dependent> of(DesiredState desired, Overrides overrides) {
    List<Dependent> out = new ArrayList<>();
    out.add(new NetworkDependent(desired.network().withDriver(NetworkSpec.OVERLAY)));
    for (VolumeSpec v : desired.volumes()) {
      out.add(new VolumeDependent(v));
    }
    for (SwarmFile f : desired.swarm().files()) {
      out.add(new SwarmFileDependent(f));
    }
    for (SwarmService s : desired.swarm().services()) {
      List<ResourceKey> deps = new ArrayList<>();
      deps.add(ResourceKey.network(desired.network().name()));
      s.container().mounts().stream()
          .filter(m -> m.kind() == Mount.Kind.VOLUME)
          .forEach(m -> deps.add(ResourceKey.volume(m.source())));
      s.files().stream().map(SwarmFileMount::key).forEach(deps::add);
      for (String other : s.container().dependsOnHealthy()) {
        deps.add(ResourceKey.service(SwarmForm.serviceName(desired.installation(), other)));
      }
      out.add(new ServiceDependent(s, deps, Dependents.override(s.service(), overrides)));
    }
    return out;
  }
}
