package dev.ollamastack.app.backup;

import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.backup.Manifest;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.ImageDetails;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The images the installation's containers run, with their ids and registry digests. */
final class Images {
  private Images() {}

  static List<Manifest.ImageInfo> of(DockerEngine engine, PlannedStack planned) {
    List<Manifest.ImageInfo> out = new ArrayList<>();
    for (ObservedContainer c :
        planned.observed().containers().stream()
            .sorted(Comparator.comparing(ObservedContainer::name))
            .toList()) {
      String service = c.labels().getOrDefault(Labels.COMPONENT, c.name());
      ImageDetails d =
          engine.imageDetails(c.imageId() != null ? c.imageId() : c.image()).orElse(null);
      out.add(
          new Manifest.ImageInfo(
              service,
              c.image(),
              d == null ? c.imageId() : d.id(),
              d == null ? List.of() : d.repoDigests()));
    }
    return out;
  }
}
