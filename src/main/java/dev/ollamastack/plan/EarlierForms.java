package dev.ollamastack.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.plan.render.ConfigHash;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Containers an earlier release made, left running in that release's form (see {@link
 * ContainerSpec#priorForms()}): what renewing one in this release's form would change, so the plan
 * can say so without recreating anything for the upgrade alone.
 */
final class EarlierForms {
  private EarlierForms() {}

  /** A note per container kept in an earlier form that this release would render differently. */
  static List<String> notes(
      DesiredState desired, ObservedState observed, Map<ResourceKey, Match> matches) {
    List<String> notes = new ArrayList<>();
    for (ContainerSpec c : desired.containers()) {
      Match m = matches.get(ResourceKey.container(c.name()));
      if (!(m instanceof Match.InSync || m instanceof Match.NotRunning)) {
        continue;
      }
      Optional<String> prior =
          observed.containers().stream()
              .filter(o -> o.name().equals(c.name()))
              .findFirst()
              .flatMap(o -> priorForm(c, o));
      prior
          .flatMap(p -> renewal(p, c.labels().get(Labels.SPEC)))
          .ifPresent(change -> notes.add(note(c, change)));
    }
    return notes;
  }

  /** The earlier form the container was made in, when this release knows it. */
  static Optional<String> priorForm(ContainerSpec desired, ObservedContainer actual) {
    String version = actual.labels().get(Labels.HASH_VERSION);
    if (version == null || ConfigHash.VERSION.equals(version)) {
      return Optional.empty();
    }
    return Optional.ofNullable(desired.priorForms().get(version));
  }

  private static String note(ContainerSpec c, String change) {
    String restart =
        c.component() == Component.EXTENSION
            ? "ollama-stack extensions restart " + c.service()
            : "ollama-stack restart " + c.service();
    return c.service()
        + " was made by an earlier release; it keeps running as it is until its configuration"
        + " changes, or `"
        + restart
        + "` renews it now ("
        + change
        + ")";
  }

  /**
   * What renewing a container in the current form changes, for people ({@code adds volume x;
   * changes healthCheck, file config.json}); empty when the two forms are the same.
   */
  static Optional<String> renewal(String priorCanonical, String currentCanonical) {
    if (Objects.equals(priorCanonical, currentCanonical)) {
      return Optional.empty();
    }
    JsonNode prior = ConfigHash.parse(priorCanonical);
    JsonNode current = ConfigHash.parse(currentCanonical);
    if (prior == null || current == null) {
      return Optional.of("another configuration");
    }
    List<String> parts = new ArrayList<>();
    mounts(current, prior).ifPresent(s -> parts.add("adds " + s));
    mounts(prior, current).ifPresent(s -> parts.add("drops " + s));
    Set<String> changed = new LinkedHashSet<>();
    Set<String> fields = new TreeSet<>();
    current.fieldNames().forEachRemaining(fields::add);
    prior.fieldNames().forEachRemaining(fields::add);
    for (String f : fields) {
      if (f.equals("mounts") || prior.path(f).equals(current.path(f))) {
        continue;
      }
      switch (f) {
        case "files" -> keys(prior.path(f), current.path(f)).forEach(k -> changed.add("file " + k));
        case "env" -> keys(prior.path(f), current.path(f)).forEach(k -> changed.add("env " + k));
        default -> changed.add(f);
      }
    }
    if (!changed.isEmpty()) {
      parts.add("changes " + String.join(", ", changed));
    }
    return Optional.of(parts.isEmpty() ? "another configuration" : String.join("; ", parts));
  }

  /** The mounts of {@code a} that {@code b} lacks, as {@code volume x, bind /y}. */
  private static Optional<String> mounts(JsonNode a, JsonNode b) {
    Set<JsonNode> inB = new java.util.HashSet<>();
    b.path("mounts").forEach(inB::add);
    List<String> out = new ArrayList<>();
    for (JsonNode m : a.path("mounts")) {
      if (!inB.contains(m)) {
        out.add(m.path("kind").asText() + " " + m.path("source").asText());
      }
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", out));
  }

  /** The keys whose values differ between two objects (a file by its base name). */
  private static List<String> keys(JsonNode a, JsonNode b) {
    Set<String> all = new TreeSet<>();
    a.fieldNames().forEachRemaining(all::add);
    b.fieldNames().forEachRemaining(all::add);
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = all.iterator(); it.hasNext(); ) {
      String k = it.next();
      if (!a.path(k).equals(b.path(k))) {
        out.add(k.substring(k.lastIndexOf('/') + 1));
      }
    }
    return out;
  }
}
