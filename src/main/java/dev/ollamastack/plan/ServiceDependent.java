package dev.ollamastack.plan;

import dev.ollamastack.model.ImageRef;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedService;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.model.SwarmService;
import dev.ollamastack.plan.ContainerDependent.RunOverride;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Swarm service: created when missing, updated (a rolling update) when its config hash or image
 * differs, scaled back to one task when something scaled it to none, and scaled to none by {@code
 * stop} — its spec and volumes stay as they are.
 */
record ServiceDependent(SwarmService spec, List<ResourceKey> dependsOn, RunOverride override)
    implements Dependent {
  static final String RESTART = "restart requested";

  ServiceDependent {
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public ResourceKey key() {
    return ResourceKey.service(spec.name());
  }

  Optional<ObservedService> actual(ObservedState observed) {
    return observed.swarmOrEmpty().service(spec.name());
  }

  @Override
  public Match match(ObservedState observed) {
    Optional<ObservedService> found = actual(observed);
    if (override == RunOverride.LEAVE_ALONE) {
      return Match.IN_SYNC;
    }
    if (override == RunOverride.STOP) {
      return found.filter(s -> s.replicas() > 0).isPresent()
          ? new Match.Unwanted("stop requested")
          : Match.IN_SYNC;
    }
    if (found.isEmpty()) {
      return Match.MISSING;
    }
    ObservedService s = found.get();
    List<String> reasons = reasons(s, observed);
    if (!reasons.isEmpty()) {
      return new Match.Changed(reasons);
    }
    if (override == RunOverride.RESTART) {
      return new Match.Changed(List.of(RESTART));
    }
    if (s.replicas() == 0) {
      return new Match.NotRunning("scaled to 0");
    }
    return Match.IN_SYNC;
  }

  private List<String> reasons(ObservedService s, ObservedState observed) {
    List<String> reasons = new ArrayList<>();
    if (!Objects.equals(s.configHash(), spec.configHash())) {
      String actualSpec = s.labels().get(Labels.SPEC);
      List<String> fields =
          actualSpec == null ? List.of() : SpecDiff.reasons(actualSpec, spec.canonical());
      reasons.addAll(
          fields.isEmpty() ? List.of("its Swarm form changed (secrets, configs, ports)") : fields);
    }
    if (!sameImage(s, observed)) {
      String shown = reasons.stream().anyMatch(r -> r.startsWith("image ")) ? null : s.image();
      if (shown != null) {
        reasons.add("image " + shown + " → " + spec.image());
      }
    }
    return reasons;
  }

  /**
   * Whether a service runs the desired image: the same reference, or the tag the lock pins when the
   * tasks running on this node run an image with the pinned digest (the local tag alone proves
   * nothing: {@code update} pulls it before the service moves).
   */
  private boolean sameImage(ObservedService s, ObservedState observed) {
    String actual = s.image();
    if (Objects.equals(actual, spec.image())) {
      return true;
    }
    String digest = spec.container().imageDigest();
    if (digest == null || !Objects.equals(actual, spec.container().image())) {
      return false;
    }
    ImageRef ref = ImageRef.parse(actual);
    List<String> running =
        s.wantedTasks().stream()
            .filter(t -> t.running() && t.imageId() != null)
            .map(t -> t.imageId())
            .toList();
    return !running.isEmpty()
        && running.stream()
            .allMatch(
                id ->
                    observed.images().containsKey(id)
                        && observed
                            .images()
                            .get(id)
                            .digestFor(ref)
                            .filter(digest::equals)
                            .isPresent());
  }

  @Override
  public Optional<Action> converge(Match match, ObservedState observed, List<ResourceKey> deps) {
    Optional<ObservedService> found = actual(observed);
    String id = found.map(ObservedService::id).orElse(null);
    return switch (match) {
      case Match.Missing m -> Optional.of(new Action.CreateService(spec, 1, deps));
      case Match.Changed c -> Optional.of(new Action.UpdateService(spec, id, 1, c.reasons(), deps));
      case Match.NotRunning n ->
          Optional.of(new Action.ScaleService(spec.name(), id, 1, n.why(), spec, deps));
      case Match.Unwanted u ->
          Optional.of(new Action.ScaleService(spec.name(), id, 0, u.why(), spec, deps));
      case Match.Drifted d -> Optional.empty();
      case Match.InSync s -> Optional.empty();
    };
  }
}
