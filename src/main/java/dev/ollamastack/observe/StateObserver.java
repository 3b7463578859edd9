package dev.ollamastack.observe;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.health.OllamaClient;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.model.ObservedNetwork;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ObservedState.ForeignResource;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.ResourceKind;
import dev.ollamastack.model.VolumeSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what exists for one installation: one list call per kind (containers by our label key, plus
 * a name lookup for clashes; networks; volumes), image presence, and Ollama's models when it
 * answers. Resources of other installations and unlabelled name clashes go to {@code others}.
 */
public final class StateObserver {
  // An Ollama that is down refuses the connection at once (the client's connect timeout is 2 s);
  // one that is up but busy may take seconds to list its models, and a plan made without that
  // list would show every model as missing. So the answer, once connected, may take a while.
  private static final Duration OLLAMA_TIMEOUT = Duration.ofSeconds(15);
  private final DockerEngine engine;

  public StateObserver(DockerEngine engine) {
    this.engine = engine;
  }

  public ObservedState observe(DesiredState desired) {
    String me = desired.installation();
    List<ObservedContainer> ours = new ArrayList<>();
    List<ForeignResource> others = new ArrayList<>();
    Map<String, String> anyInstallation = new HashMap<>();
    anyInstallation.put(Labels.INSTALLATION, null);
    Set<String> seen = new LinkedHashSet<>();
    for (ObservedContainer c : engine.listContainers(anyInstallation)) {
      seen.add(c.name());
      if (me.equals(c.installation())) {
        ours.add(c);
      } else {
        others.add(new ForeignResource(ResourceKind.CONTAINER, c.name(), c.installation()));
      }
    }
    List<String> names = desired.containers().stream().map(ContainerSpec::name).toList();
    if (!names.isEmpty()) {
      for (ObservedContainer c : engine.listContainersByName(names)) {
        if (!seen.contains(c.name())) {
          others.add(new ForeignResource(ResourceKind.CONTAINER, c.name(), c.installation()));
        }
      }
    }
    List<ObservedNetwork> networks = new ArrayList<>();
    for (ObservedNetwork n : engine.listNetworks(Map.of())) {
      if (me.equals(n.installation())
          || (n.installation() == null && n.name().equals(desired.network().name()))) {
        networks.add(n);
      } else if (n.installation() != null) {
        others.add(new ForeignResource(ResourceKind.NETWORK, n.name(), n.installation()));
      }
    }
    Set<String> volumeNames = new LinkedHashSet<>();
    desired.volumes().stream().map(VolumeSpec::name).forEach(volumeNames::add);
    List<ObservedVolume> volumes = new ArrayList<>();
    for (ObservedVolume v : engine.listVolumes(Map.of())) {
      if (me.equals(v.installation())
          || (v.installation() == null && volumeNames.contains(v.name()))) {
        volumes.add(v);
      } else if (v.installation() != null) {
        others.add(new ForeignResource(ResourceKind.VOLUME, v.name(), v.installation()));
      }
    }
    Set<String> images = new LinkedHashSet<>();
    for (ContainerSpec c : desired.containers()) {
      if (images.contains(c.image()) || engine.imageExists(c.image())) {
        images.add(c.image());
      }
    }
    return new ObservedState(ours, networks, volumes, images, others, models(desired));
  }

  private static List<ObservedModel> models(DesiredState desired) {
    if (desired.ollamaUrl() == null || (desired.models().isEmpty() && !desired.pruneModels())) {
      return null;
    }
    try {
      return new OllamaClient(desired.ollamaUrl()).tags(OLLAMA_TIMEOUT);
    } catch (IOException | RuntimeException e) {
      return null; // Ollama not up yet: models are planned from the desired list alone
    }
  }
}
