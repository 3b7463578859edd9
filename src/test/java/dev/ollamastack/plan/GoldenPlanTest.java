package dev.ollamastack.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.config.StackLoader;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ImageRef;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedImage;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.model.ObservedNetwork;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.ResourceKind;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.testsupport.Stacks;
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
 * Golden plans: {@code src/test/resources/plans/<case>/} holds {@code desired.yaml}, optionally
 * {@code actual.yaml} (the stack the existing containers were created from; default: desired),
 * {@code observed.json} (container states, extra and foreign resources, models, the models Ollama
 * holds in memory as {@code loaded}, overrides), {@code expected.txt} (warnings and the plan as
 * printed) and {@code expected-diff.txt} (what {@code diff} prints for the same states). A missing
 * expected file fails the test; regenerate with {@code -Dgolden.update=true} and review the change.
 *
 * <p>For the image lifecycle, {@code observed.json} may also give {@code pins} (the lock: reference
 * → digest), {@code pinnedImagesPresent} (the pinned {@code name@digest} are local), {@code
 * running} (service → the registry digest of the image its container runs), {@code extraVolumes}
 * (labelled ours, mounted by nothing), and {@code planner}: {@code cleanup} or {@code uninstall}
 * with {@code imageCandidates}, {@code removeVolumes}, {@code stateDir} and {@code keptInStateDir}
 * (no diff for those: they are not converge plans).
 */
class GoldenPlanTest {
  private static final Path ROOT = Path.of("src/test/resources/plans");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void planMatchesGolden(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    JsonNode obs = JSON.readTree(dir.resolve("observed.json").toFile());
    DesiredState desired = render(dir.resolve("desired.yaml")).pinned(pins(obs.path("pins")));
    Path actualFile =
        Files.exists(dir.resolve("actual.yaml"))
            ? dir.resolve("actual.yaml")
            : dir.resolve("desired.yaml");
    DesiredState actual = render(actualFile);
    ObservedState observed = observed(obs, actual, desired);
    String planner = obs.path("planner").asText("converge");
    Plan plan =
        switch (planner) {
          case "converge" ->
              new Planner().plan(desired, observed, overrides(obs.path("overrides")));
          case "cleanup" ->
              CleanupPlanner.plan(
                  desired,
                  observed,
                  removals(obs.path("imageCandidates")),
                  obs.path("removeVolumes").asBoolean());
          case "uninstall" ->
              UninstallPlanner.plan(
                  desired.installation(),
                  observed,
                  new UninstallPlanner.Options(
                      obs.path("removeVolumes").asBoolean(),
                      removals(obs.path("imageCandidates")),
                      obs.path("stateDir").asText(null),
                      list(obs.path("keptInStateDir"))));
          default -> throw new IllegalArgumentException("planner " + planner);
        };
    StringBuilder text = new StringBuilder();
    plan.warnings().forEach(w -> text.append("warning: ").append(w).append('\n'));
    text.append(PlanText.render(plan));
    assertGolden(dir.resolve("expected.txt"), text.toString());
    if (planner.equals("converge")) {
      String diff = StateDiff.render(desired, observed, plan.matches());
      assertGolden(dir.resolve("expected-diff.txt"), diff.isEmpty() ? "(no differences)\n" : diff);
    }
  }

  private static List<ImageRemoval> removals(JsonNode candidates) {
    List<ImageRemoval> out = new ArrayList<>();
    for (JsonNode c : candidates) {
      out.add(
          new ImageRemoval(
              c.path("reference").asText(), c.path("imageId").asText(), list(c.path("usedBy"))));
    }
    return out;
  }

  private static List<String> list(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Map<String, String> pins(JsonNode object) {
    Map<String, String> out = new HashMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** Compares with the golden file; writes it only when asked to ({@code -Dgolden.update=true}). */
  static void assertGolden(Path expected, String actual) throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expected, actual);
    }
    assertThat(expected)
        .as("golden file %s (create it with -Dgolden.update=true and review it)", expected)
        .exists();
    assertThat(actual).isEqualTo(Files.readString(expected));
  }

  private static DesiredState render(Path yaml) {
    StackSpec spec =
        new StackLoader(Map.of(), yaml.toAbsolutePath().getParent())
            .load(yaml.toAbsolutePath())
            .spec();
    if (spec.platform() == Platform.AUTO) {
      spec = spec.withPlatform(Platform.CPU);
    }
    return Stacks.render(spec);
  }

  private static ObservedState observed(JsonNode obs, DesiredState actual, DesiredState desired) {
    List<ObservedContainer> containers = new ArrayList<>();
    Map<String, ObservedImage> imagesById = new HashMap<>();
    JsonNode states = obs.path("actualState");
    JsonNode running = obs.path("running");
    int id = 1;
    for (ContainerSpec c : actual.containers()) {
      String state = states.path(c.service()).asText(null);
      String imageId = "sha256:img";
      if (running.has(c.service())) {
        // The image it runs, pulled from a registry as name@digest.
        String digest = running.path(c.service()).asText();
        imageId = "sha256:img-" + digest.substring(7, 11);
        imagesById.put(
            imageId,
            new ObservedImage(
                imageId, List.of(), List.of(ImageRef.parse(c.image()).pinned(digest))));
      }
      if (state != null) {
        containers.add(
            new ObservedContainer(
                "id" + id++,
                c.name(),
                c.image(),
                imageId,
                ContainerState.of(state),
                null,
                "running".equals(state) ? null : 0,
                c.labels(),
                c.ports(),
                null,
                0));
      }
    }
    for (JsonNode e : obs.path("extraContainers")) {
      Map<String, String> labels = new HashMap<>();
      labels.put(Labels.INSTALLATION, actual.installation());
      // Ours unless the case says otherwise (an older CLI's container has no managed-by).
      labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
      e.path("labels")
          .fields()
          .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
      labels.values().removeIf(String::isEmpty);
      containers.add(
          new ObservedContainer(
              "id" + id++,
              e.path("name").asText(),
              e.path("image").asText(),
              "x",
              ContainerState.of(e.path("state").asText("running")),
              null,
              null,
              labels,
              List.of(),
              null,
              0));
    }
    List<ObservedNetwork> networks =
        obs.path("network").asBoolean(false)
            ? List.of(
                new ObservedNetwork(
                    "n1", actual.network().name(), "bridge", actual.network().labels()))
            : List.of();
    List<ObservedVolume> volumes = new ArrayList<>();
    if (obs.path("volumes").asBoolean(false)) {
      actual.volumes().forEach(v -> volumes.add(new ObservedVolume(v.name(), "/m", v.labels())));
    }
    for (JsonNode v : obs.path("unlabelledVolumes")) {
      volumes.add(new ObservedVolume(v.asText(), "/m", Map.of()));
    }
    for (JsonNode v : obs.path("extraVolumes")) {
      volumes.add(
          new ObservedVolume(v.asText(), "/m", Map.of(Labels.INSTALLATION, actual.installation())));
    }
    Set<String> images = new HashSet<>();
    if (obs.path("pinnedImagesPresent").asBoolean()) {
      desired.containers().forEach(c -> images.add(c.imageReference()));
    }
    if ("all".equals(obs.path("images").asText())) {
      actual.containers().forEach(c -> images.add(c.image()));
    } else {
      obs.path("images").forEach(i -> images.add(i.asText()));
    }
    List<ObservedState.ForeignResource> others = new ArrayList<>();
    for (JsonNode o : obs.path("others")) {
      others.add(
          new ObservedState.ForeignResource(
              ResourceKind.ofLabel(o.path("kind").asText()),
              o.path("name").asText(),
              o.path("installation").isNull() ? null : o.path("installation").asText(null)));
    }
    List<ObservedModel> models = null;
    if (obs.has("models")) {
      models = new ArrayList<>();
      for (JsonNode m : obs.path("models")) {
        models.add(new ObservedModel(m.path("name").asText(), m.path("size").asLong(), "d"));
      }
    }
    ObservedState observed =
        new ObservedState(containers, networks, volumes, images, others, models, imagesById);
    if (obs.has("loaded")) {
      List<dev.ollamastack.model.LoadedModel> loaded = new ArrayList<>();
      for (JsonNode m : obs.path("loaded")) {
        loaded.add(
            new dev.ollamastack.model.LoadedModel(
                m.path("name").asText(),
                m.path("size").asLong(),
                m.path("sizeVram").asLong(),
                "d",
                null));
      }
      observed = observed.withLoadedModels(loaded);
    }
    return observed;
  }

  private static Overrides overrides(JsonNode o) {
    return new Overrides(
        strings(o.path("stop")), strings(o.path("restart")), strings(o.path("leaveAlone")));
  }

  private static Set<String> strings(JsonNode a) {
    Set<String> s = new HashSet<>();
    a.forEach(n -> s.add(n.asText()));
    return s;
  }
}
