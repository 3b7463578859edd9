package dev.ollamastack.plan;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ObservedState.ForeignResource;
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

  static List<String> blockers(DesiredState desired, ObservedState observed) {
    Set<String> names =
        desired.containers().stream().map(ContainerSpec::name).collect(Collectors.toSet());
    List<String> out = new ArrayList<>();
    OlderInstallation.blocker(desired.installation(), observed).ifPresent(out::add);
    for (ForeignResource r : observed.others()) {
      if (r.kind() == ResourceKind.CONTAINER && names.contains(r.name())) {
        String owner =
            r.installation() == null
                ? "a container not managed by ollama-stack"
                : "a container of installation \"" + r.installation() + "\"";
        out.add("container name " + r.name() + " is taken by " + owner);
      }
    }
    return out;
  }
}
