package dev.ollamastack.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.config.StackLoader;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.GpuAccess;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.model.ObservedNetwork;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.plan.render.StackRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One upgrade fixture ({@code src/test/resources/upgrade/<release>/<case>.json}): the stack file it
 * was made from, and what Docker reports for the installation the earlier release made of it.
 */
record UpgradeFixture(JsonNode made, StackSpec spec, GpuAccess access) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The secrets the fixtures were rendered with (their digests are in the labels). */
  static final Secrets SECRETS = new Secrets("upgrade-webui-secret", "upgrade-mcpo-key");

  static UpgradeFixture load(Path fixture) {
    try {
      JsonNode made = JSON.readTree(fixture.toFile());
      Path stackFile = Path.of(made.path("stackFile").asText()).toAbsolutePath();
      StackSpec spec = new StackLoader(Map.of(), stackFile.getParent()).load(stackFile).spec();
      if (spec.platform() == Platform.AUTO) {
        spec = spec.withPlatform(Platform.CPU);
      }
      return new UpgradeFixture(made, spec, GpuAccess.valueOf(made.path("gpuAccess").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The desired state this release renders of the fixture's stack file. */
  DesiredState desired() {
    return desired(UnaryOperator.identity());
  }

  /** The desired state of the stack file as the user changed it. */
  DesiredState desired(UnaryOperator<StackSpec> change) {
    StackSpec changed = change.apply(spec);
    return new StackRenderer("this-release", access)
        .render(changed, SECRETS, 4, "/state/" + changed.name());
  }

  /** The earlier release's containers, all running; its models pulled, its images present. */
  ObservedState observed(DesiredState desired) {
    List<ObservedContainer> containers = new ArrayList<>();
    Set<String> images = new HashSet<>();
    int id = 0;
    for (JsonNode c : made.path("containers")) {
      Map<String, String> labels = new HashMap<>();
      c.path("labels")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      containers.add(
          new ObservedContainer(
              "id" + id++,
              c.path("name").asText(),
              c.path("image").asText(),
              "sha256:img",
              ContainerState.RUNNING,
              null,
              null,
              labels,
              List.of(),
              null,
              0));
      images.add(c.path("image").asText());
    }
    String installation = containers.get(0).labels().get(Labels.INSTALLATION);
    Map<String, String> base =
        Map.of(Labels.INSTALLATION, installation, Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
    List<ObservedVolume> volumes = new ArrayList<>();
    made.path("volumes").forEach(v -> volumes.add(new ObservedVolume(v.asText(), "/m", base)));
    List<ObservedModel> models =
        desired.models().stream().map(m -> new ObservedModel(m, 1, "sha256:m")).toList();
    return new ObservedState(
        containers,
        List.of(new ObservedNetwork("n1", made.path("network").asText(), "bridge", base)),
        volumes,
        images,
        List.of(),
        models);
  }

  /** The labels the earlier release gave the container named {@code name}. */
  Map<String, String> labelsOf(String name) {
    Map<String, String> labels = new HashMap<>();
    for (JsonNode c : made.path("containers")) {
      if (c.path("name").asText().equals(name)) {
        c.path("labels")
            .fields()
            .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      }
    }
    return labels;
  }
}
