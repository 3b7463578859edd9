package dev.ollamastack.plan;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.RenderedFile;
import dev.ollamastack.model.VolumeSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The decision table of DESIGN.md §3, as a pure function of desired and observed state: no Docker,
 * clock or file I/O, so golden-file tests cover every case.
 */
public final class Planner {

  public Plan plan(DesiredState desired, ObservedState observed, Overrides overrides) {
    PlanBuilder b = new PlanBuilder();
    List<String> warnings = new ArrayList<>(ForeignReport.warnings(desired, observed));
    List<String> blockers = new ArrayList<>(ForeignReport.blockers(desired, observed));

    boolean networkExists =
        observed.networks().stream().anyMatch(n -> n.name().equals(desired.network().name()));
    if (!networkExists) {
      b.add(new Action.CreateNetwork(desired.network()));
    }
    Set<String> volumeNames =
        observed.volumes().stream().map(v -> v.name()).collect(Collectors.toSet());
    for (VolumeSpec v : desired.volumes()) {
      if (!volumeNames.contains(v.name())) {
        b.add(new Action.CreateVolume(v));
      }
    }
    planContainers(desired, observed, overrides, b);
    warnings.addAll(ModelPlanner.plan(desired, observed, overrides, b));
    planRemovals(desired, observed, overrides, b);
    return new Plan(desired.installation(), b.ordered(), warnings, blockers);
  }

  private void planContainers(
      DesiredState desired, ObservedState observed, Overrides overrides, PlanBuilder b) {
    Map<String, ObservedContainer> byName =
        observed.containers().stream()
            .collect(Collectors.toMap(ObservedContainer::name, Function.identity(), (x, y) -> x));
    Map<String, String> serviceToContainer =
        desired.containers().stream()
            .collect(Collectors.toMap(ContainerSpec::service, ContainerSpec::name));
    for (ContainerSpec c : desired.containers()) {
      if (overrides.stop().contains(c.service()) || overrides.leaveAlone().contains(c.service())) {
        continue;
      }
      ObservedContainer actual = byName.get(c.name());
      List<RenderedFile> files =
          desired.files().stream().filter(f -> f.containerName().equals(c.name())).toList();
      Action action = decide(c, actual, files, overrides, observed, serviceToContainer, b);
      if (action != null) {
        b.add(action);
      }
    }
  }

  private Action decide(
      ContainerSpec c,
      ObservedContainer actual,
      List<RenderedFile> files,
      Overrides overrides,
      ObservedState observed,
      Map<String, String> serviceToContainer,
      PlanBuilder b) {
    List<String> deps = new ArrayList<>();
    deps.add(Action.networkKey(c.network()));
    c.mounts().stream()
        .filter(m -> m.kind() == dev.ollamastack.model.Mount.Kind.VOLUME)
        .forEach(m -> deps.add(Action.volumeKey(m.source())));
    for (String service : c.dependsOnHealthy()) {
      String name = serviceToContainer.get(service);
      if (name != null) {
        deps.add(Action.containerKey(name));
      }
    }
    if (actual == null) {
      pullIfMissing(c, observed, b, deps);
      return new Action.CreateContainer(c, files, b.present(deps));
    }
    List<String> reasons = changeReasons(c, actual, overrides);
    if (!reasons.isEmpty()) {
      pullIfMissing(c, observed, b, deps);
      return new Action.RecreateContainer(c, actual.id(), files, reasons, b.present(deps));
    }
    if (!actual.running()) {
      String why =
          actual.exitCode() != null && !"created".equals(actual.state())
              ? "container is " + actual.state() + " (exit code " + actual.exitCode() + ")"
              : "container is " + actual.state();
      return new Action.StartContainer(c, actual.id(), why, b.present(deps));
    }
    return null;
  }

  private static List<String> changeReasons(
      ContainerSpec c, ObservedContainer actual, Overrides overrides) {
    if (overrides.restart().contains(c.service())) {
      return List.of("restart requested");
    }
    String desiredHash = c.labels().get(Labels.CONFIG_HASH);
    if (Objects.equals(desiredHash, actual.configHash())) {
      return List.of();
    }
    String actualVersion = actual.labels().get(Labels.HASH_VERSION);
    if (actualVersion != null && !ConfigHash.VERSION.equals(actualVersion)) {
      // Hashed by another version of the canonical form: only a changed image recreates, so a
      // tool upgrade never recreates the whole stack.
      return Objects.equals(actual.image(), c.image())
          ? List.of()
          : List.of("image " + actual.image() + " → " + c.image());
    }
    List<String> reasons =
        SpecDiff.reasons(actual.labels().get(Labels.SPEC), c.labels().get(Labels.SPEC));
    return c.component() == Component.WEBUI && !persistentConfigOff(c)
        ? WebuiFirstStartSettings.annotate(reasons)
        : reasons;
  }

  private static boolean persistentConfigOff(ContainerSpec c) {
    return "false".equalsIgnoreCase(c.env().get("ENABLE_PERSISTENT_CONFIG"));
  }

  private static void pullIfMissing(
      ContainerSpec c, ObservedState observed, PlanBuilder b, List<String> deps) {
    if (!observed.localImages().contains(c.image())) {
      b.addOnce(new Action.PullImage(c.image()));
      deps.add(Action.imageKey(c.image()));
    }
  }

  private void planRemovals(
      DesiredState desired, ObservedState observed, Overrides overrides, PlanBuilder b) {
    Set<String> wanted = new LinkedHashSet<>();
    for (ContainerSpec c : desired.containers()) {
      if (!overrides.stop().contains(c.service())) {
        wanted.add(c.name());
      }
    }
    Set<String> stopNames =
        desired.containers().stream()
            .filter(c -> overrides.stop().contains(c.service()))
            .map(ContainerSpec::name)
            .collect(Collectors.toSet());
    List<ObservedContainer> doomed =
        observed.containers().stream().filter(o -> !wanted.contains(o.name())).toList();
    RemovalOrder.add(desired, doomed, stopNames, b);
    observed.networks().stream()
        .filter(n -> desired.installation().equals(n.installation()))
        .filter(n -> !n.name().equals(desired.network().name()))
        .forEach(
            n ->
                b.add(
                    new Action.RemoveNetwork(
                        n.name(),
                        b.present(
                            doomed.stream().map(o -> Action.containerKey(o.name())).toList()))));
  }
}
