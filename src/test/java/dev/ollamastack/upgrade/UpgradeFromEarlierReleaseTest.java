package dev.ollamastack.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.plan.Plan;
import dev.ollamastack.plan.PlanText;
import dev.ollamastack.plan.Planner;
import dev.ollamastack.plan.render.StackRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A user's installation made by an earlier release plans zero actions after they upgrade the tool.
 * {@code src/test/resources/upgrade/<release>/<case>.json} holds the containers (names, images and
 * every label, config hash and canonical spec included) exactly as that release rendered each
 * example stack; this release plans against them as if they were running.
 */
class UpgradeFromEarlierReleaseTest {
  private static final Path ROOT = Path.of("src/test/resources/upgrade");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The secrets the fixtures were rendered with (their digests are in the labels). */
  private static final Secrets SECRETS = new Secrets("upgrade-webui-secret", "upgrade-mcpo-key");

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> releases = Files.list(ROOT)) {
      List<Path> all = new ArrayList<>();
      for (Path release : releases.sorted().toList()) {
        try (Stream<Path> files = Files.list(release)) {
          files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(all::add);
        }
      }
      return all.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void anInstallationOfAnEarlierReleasePlansNothing(Path fixture) throws IOException {
    JsonNode made = JSON.readTree(fixture.toFile());
    Path stackFile = Path.of(made.path("stackFile").asText()).toAbsolutePath();
    StackSpec spec = new StackLoader(Map.of(), stackFile.getParent()).load(stackFile).spec();
    if (spec.platform() == Platform.AUTO) {
      spec = spec.withPlatform(Platform.CPU);
    }
    GpuAccess access = GpuAccess.valueOf(made.path("gpuAccess").asText());
    DesiredState desired =
        new StackRenderer("this-release", access).render(spec, SECRETS, 4, "/state/" + spec.name());

    // converged: the listed models were pulled
    List<ObservedModel> models =
        desired.models().stream().map(m -> new ObservedModel(m, 1, "sha256:m")).toList();
    Plan plan = new Planner().plan(desired, running(made).withModels(models), Overrides.NONE);

    assertThat(plan.actions()).as(PlanText.render(plan)).isEmpty();
    assertThat(desired.containers())
        .as("same containers as the earlier release")
        .extracting(c -> c.name())
        .containsExactlyElementsOf(made.path("containers").findValuesAsText("name"));
  }

  /** What Docker reports for the fixture's installation: everything running, images present. */
  private static ObservedState running(JsonNode made) {
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
    return new ObservedState(
        containers,
        List.of(new ObservedNetwork("n1", made.path("network").asText(), "bridge", base)),
        volumes,
        images,
        List.of(),
        null);
  }
}
