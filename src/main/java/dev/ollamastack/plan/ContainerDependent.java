package dev.ollamastack.plan;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedNetwork;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.RenderedFile;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.plan.render.ConfigHash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A container of one component, found by name, else as a container of ours in the same role under
 * another name (renamed, or set aside by an interrupted recreate): created when missing, recreated
 * when its config hash or what Docker holds of it differs (with a reason per changed field),
 * repaired in place when a hand-made change can be undone (renamed, detached, paused), started when
 * stopped.
 *
 * @param override what this apply's {@code start}/{@code stop}/{@code restart} asks of it
 * @param desiredNames every container name of the desired state: those are never another's
 */
record ContainerDependent(
    ContainerSpec spec,
    List<RenderedFile> files,
    List<ResourceKey> dependsOn,
    RunOverride override,
    Set<String> desiredNames)
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
    desiredNames = Set.copyOf(desiredNames);
  }

  /** A container that is the only one of the desired state. */
  ContainerDependent(
      ContainerSpec spec, List<RenderedFile> files, List<ResourceKey> dependsOn, RunOverride o) {
    this(spec, files, dependsOn, o, Set.of(spec.name()));
  }

  @Override
  public ResourceKey key() {
    return ResourceKey.container(spec.name());
  }

  /**
   * The container that is this one: by name, else the one of ours in the same role that no desired
   * container is named after (a running one first).
   */
  Optional<ObservedContainer> actual(ObservedState observed) {
    Optional<ObservedContainer> byName =
        observed.containers().stream().filter(o -> o.name().equals(spec.name())).findFirst();
    if (byName.isPresent()) {
      return byName;
    }
    return observed.containers().stream()
        .filter(o -> !desiredNames.contains(o.name()) && sameRole(o))
        // The older CLI's containers are another installation's: 'migrate' replaces them.
        .filter(o -> !OlderInstallation.madeByOlderCli(o))
        .min(
            Comparator.comparing((ObservedContainer o) -> !o.alive())
                .thenComparing(ObservedContainer::name));
  }

  private boolean sameRole(ObservedContainer o) {
    boolean component =
        Component.fromLabel(o.labels().get(Labels.COMPONENT))
            .map(c -> c == spec.component())
            .orElse(false);
    return component
        && (spec.component() != Component.EXTENSION
            || spec.service().equals(o.labels().get(Labels.EXTENSION)));
  }

  @Override
  public Match match(ObservedState observed) {
    ObservedContainer actual = actual(observed).orElse(null);
    return switch (override) {
      case LEAVE_ALONE -> Match.IN_SYNC;
      case STOP -> actual == null ? Match.IN_SYNC : new Match.Unwanted("stop requested");
      case NONE, RESTART -> matchRunning(actual, observed);
    };
  }

  private Match matchRunning(ObservedContainer actual, ObservedState observed) {
    if (actual == null) {
      return Match.MISSING;
    }
    String foundAs = actual.name().equals(spec.name()) ? null : actual.name();
    List<String> reasons = new ArrayList<>();
    if (override == RunOverride.RESTART) {
      reasons.add("restart requested");
    } else {
      List<String> changes = new ArrayList<>(changeReasons(actual, observed));
      changes.addAll(ContainerDrift.recreateReasons(spec, actual));
      reasons.addAll(explain(changes));
    }
    if (!reasons.isEmpty()) {
      if (foundAs != null) {
        reasons.add("found as " + foundAs + ": " + ContainerDrift.renamedWhy(spec, foundAs));
      }
      return new Match.Changed(reasons);
    }
    ObservedNetwork network =
        observed.networks().stream()
            .filter(n -> n.name().equals(spec.network()))
            .findFirst()
            .orElse(null);
    List<ContainerRepair> repairs = ContainerDrift.repairs(spec, actual, foundAs, network);
    if (repairs.isEmpty()) {
      return Match.IN_SYNC;
    }
    if (repairs.size() == 1 && repairs.get(0) instanceof ContainerRepair.Start start) {
      return new Match.NotRunning(start.why());
    }
    return new Match.Drifted(repairs);
  }

  private List<String> changeReasons(ObservedContainer actual, ObservedState observed) {
    List<String> reasons = new ArrayList<>(configReasons(actual));
    ImagePin.reason(spec, actual, observed).ifPresent(reasons::add);
    return reasons;
  }

  private List<String> configReasons(ObservedContainer actual) {
    String desiredHash = spec.labels().get(Labels.CONFIG_HASH);
    if (Objects.equals(desiredHash, actual.configHash())) {
      return List.of();
    }
    String actualVersion = actual.labels().get(Labels.HASH_VERSION);
    String actualSpec = actual.labels().get(Labels.SPEC);
    if (actualVersion == null || ConfigHash.VERSION.equals(actualVersion)) {
      return SpecDiff.reasons(actualSpec, spec.labels().get(Labels.SPEC));
    }
    String prior = spec.priorForms().get(actualVersion);
    if (prior != null) {
      // Made by an earlier release: compared in the form that release renders, so the upgrade
      // alone recreates nothing and a change of the input still shows, field by field.
      if (Objects.equals(ConfigHash.sha256(prior), actual.configHash())) {
        return List.of();
      }
      List<String> reasons = new ArrayList<>(SpecDiff.reasons(actualSpec, prior));
      EarlierForms.renewal(prior, spec.labels().get(Labels.SPEC))
          .ifPresent(
              r ->
                  reasons.add(
                      "made by an earlier release: renewed in this release's form (" + r + ")"));
      return reasons;
    }
    // A form this release does not know (made by a newer release): only a changed image counts.
    return Objects.equals(actual.image(), spec.image())
            || Objects.equals(actual.image(), spec.imageReference())
        ? List.of()
        : List.of("image " + actual.image() + " → " + spec.image());
  }

  /** What a component's own rules add to the reasons. */
  private List<String> explain(List<String> reasons) {
    return switch (spec.component()) {
      case WEBUI -> {
        List<String> out =
            "false".equalsIgnoreCase(spec.env().get("ENABLE_PERSISTENT_CONFIG"))
                ? reasons
                : WebuiFirstStartSettings.annotate(reasons);
        yield reasons.stream().anyMatch(r -> r.startsWith("image "))
            ? append(out, WEBUI_MIGRATION)
            : out;
      }
      case OLLAMA, MCP_PROXY, EXTENSION -> reasons;
    };
  }

  /**
   * Open WebUI upgrades {@code webui.db} in place when a new version starts (its Alembic
   * migrations), and an older image cannot open a migrated database: an image change is one way.
   */
  static final String WEBUI_MIGRATION =
      "note: Open WebUI migrates its database (webui.db in the data volume) to the new image's"
          + " version when it starts, one way: an older image cannot open it afterwards; back up"
          + " the data volume first if you may want to go back";

  private static List<String> append(List<String> list, String line) {
    List<String> out = new ArrayList<>(list);
    out.add(line);
    return out;
  }

  @Override
  public Optional<Action> converge(Match match, ObservedState observed, List<ResourceKey> deps) {
    String id = actual(observed).map(ObservedContainer::id).orElse(null);
    return switch (match) {
      case Match.Missing m -> Optional.of(new Action.CreateContainer(spec, files, deps));
      case Match.Changed c ->
          Optional.of(new Action.RecreateContainer(spec, id, files, c.reasons(), deps));
      case Match.NotRunning n -> Optional.of(new Action.StartContainer(spec, id, n.why(), deps));
      case Match.Drifted d -> Optional.of(new Action.RepairContainer(spec, id, d.repairs(), deps));
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
