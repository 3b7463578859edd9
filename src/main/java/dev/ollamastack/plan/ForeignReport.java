package dev.ollamastack.plan;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ObservedState.ForeignResource;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.model.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What the plan says about resources it must not touch. */
final class ForeignReport {
  private ForeignReport() {}

  static List<String> warnings(DesiredState desired, ObservedState observed) {
    List<String> out = new ArrayList<>();
    Map<String, Set<String>> byInstallation = new TreeMap<>();
    for (ForeignResource r : observed.others()) {
      if (r.installation() != null) {
        byInstallation.computeIfAbsent(r.installation(), k -> new TreeSet<>()).add(r.name());
      }
    }
    byInstallation.forEach(
        (inst, names) ->
            out.add(
                "another installation \""
                    + inst
                    + "\" is on this engine ("
                    + String.join(", ", names)
                    + "): not touched"));
    observed.networks().stream()
        .filter(n -> n.installation() == null)
        .forEach(n -> out.add("adopting network " + n.name() + " (created outside ollama-stack)"));
    observed.volumes().stream()
        .filter(v -> v.installation() == null)
        .forEach(
            v ->
                out.add(
                    "adopting volume "
                        + v.name()
                        + " (created outside ollama-stack; its data is kept and used)"));
    return out;
  }

  /**
   * Why the plan cannot be applied: a foreign container holds a name of ours, or a volume or host
   * port that a container about to start needs (it would run beside it: two Open WebUIs on one
   * SQLite database). Foreign containers are never touched, so only the user can clear the way.
   *
   * @param up the resources the plan brings up
   */
  static List<String> blockers(DesiredState desired, ObservedState observed, Set<ResourceKey> up) {
    Set<String> names =
        desired.containers().stream().map(ContainerSpec::name).collect(Collectors.toSet());
    List<String> out = new ArrayList<>();
    OlderInstallation.blocker(desired.installation(), observed).ifPresent(out::add);
    for (ForeignResource r : observed.others()) {
      if (r.kind() == ResourceKind.CONTAINER && names.contains(r.name())) {
        out.add("container name " + r.name() + " is taken by a " + owner(r.installation()));
      }
    }
    for (ContainerSpec c : desired.containers()) {
      if (!up.contains(ResourceKey.container(c.name()))) {
        continue;
      }
      for (ObservedContainer n : observed.neighbours()) {
        Orphans.shared(n, c)
            .ifPresent(
                what ->
                    out.add(
                        c.name()
                            + " must not run beside "
                            + owner(n.installation())
                            + " "
                            + n.name()
                            + ": it uses "
                            + what
                            + " too"));
      }
    }
    return out;
  }

  private static String owner(String installation) {
    return installation == null
        ? "container not managed by ollama-stack"
        : "container of installation \"" + installation + "\"";
  }
}
