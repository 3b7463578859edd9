package dev.ollamastack.plan;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.RenderedFile;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.plan.render.ConfigHash;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A container of one component, matched by name: created when missing, recreated when its config
 * hash differs (with a reason per changed field), started when stopped.
 *
 * @param override what this apply's {@code start}/{@code stop}/{@code restart} asks of it
 */
record ContainerDependent(
    ContainerSpec spec, List<RenderedFile> files, List<ResourceKey> dependsOn, RunOverride override)
    implements Dependent {

  /** A one-apply override of the desired running state. */
  enum RunOverride {
    NONE,
    RESTART,
    STOP,
    LEAVE_ALONE
  }

  ContainerDependent {
    files = List.copyOf(files);
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public ResourceKey key() {
    return ResourceKey.container(spec.name());
  }

  Optional<ObservedContainer> actual(ObservedState observed) {
    return observed.containers().stream().filter(o -> o.name().equals(spec.name())).findFirst();
  }

  @Override
  public Match match(ObservedState observed) {
    ObservedContainer actual = actual(observed).orElse(null);
    return switch (override) {
      case LEAVE_ALONE -> Match.IN_SYNC;
      case STOP -> actual == null ? Match.IN_SYNC : new Match.Unwanted("stop requested");
      case NONE, RESTART -> matchRunning(actual);
    };
  }

  private Match matchRunning(ObservedContainer actual) {
    if (actual == null) {
      return Match.MISSING;
    }
    List<String> reasons =
        override == RunOverride.RESTART ? List.of("restart requested") : changeReasons(actual);
    if (!reasons.isEmpty()) {
      return new Match.Changed(reasons);
    }
    if (!actual.running()) {
      boolean exitMeaningful =
          actual.exitCode() != null && actual.state() != ContainerState.CREATED;
      return new Match.NotRunning(
          "container is "
              + actual.state().label()
              + (exitMeaningful ? " (exit code " + actual.exitCode() + ")" : ""));
    }
    return Match.IN_SYNC;
  }

  private List<String> changeReasons(ObservedContainer actual) {
    String desiredHash = spec.labels().get(Labels.CONFIG_HASH);
    if (Objects.equals(desiredHash, actual.configHash())) {
      return List.of();
    }
    String actualVersion = actual.labels().get(Labels.HASH_VERSION);
    String actualSpec = actual.labels().get(Labels.SPEC);
    if (actualVersion == null || ConfigHash.VERSION.equals(actualVersion)) {
      return explain(SpecDiff.reasons(actualSpec, spec.labels().get(Labels.SPEC)));
    }
    String prior = spec.priorForms().get(actualVersion);
    if (prior != null) {
      // Made by an earlier release: compared in the form that release renders, so the upgrade
      // alone recreates nothing and a change of the input still shows, field by field.
      return Objects.equals(ConfigHash.sha256(prior), actual.configHash())
          ? List.of()
          : explain(SpecDiff.reasons(actualSpec, prior));
    }
    // A form this release does not know (made by a newer release): only a changed image counts.
    return Objects.equals(actual.image(), spec.image())
        ? List.of()
        : List.of("image " + actual.image() + " → " + spec.image());
  }

  /** What a component's own rules add to the reasons. */
  private List<String> explain(List<String> reasons) {
    return switch (spec.component()) {
      case WEBUI ->
          "false".equalsIgnoreCase(spec.env().get("ENABLE_PERSISTENT_CONFIG"))
              ? reasons
              : WebuiFirstStartSettings.annotate(reasons);
      case OLLAMA, MCP_PROXY, EXTENSION -> reasons;
    };
  }

  @Override
  public Optional<Action> converge(Match match, ObservedState observed, List<ResourceKey> deps) {
    String id = actual(observed).map(ObservedContainer::id).orElse(null);
    return switch (match) {
      case Match.Missing m -> Optional.of(new Action.CreateContainer(spec, files, deps));
      case Match.Changed c ->
          Optional.of(new Action.RecreateContainer(spec, id, files, c.reasons(), deps));
      case Match.NotRunning n -> Optional.of(new Action.StartContainer(spec, id, n.why(), deps));
      case Match.Unwanted u ->
          Optional.of(new Action.RemoveContainer(spec.name(), id, u.why(), deps));
      case Match.InSync s -> Optional.empty();
    };
  }

  /** The component, for ordering removals. */
  Component component() {
    return spec.component();
  }
}
