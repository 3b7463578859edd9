package dev.ollamastack.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Field-level desired vs actual for every resource, like {@code kubectl diff}: a unified diff of
 * each container's canonical spec (secrets shown as {@code (sensitive)}), plus resources that exist
 * on one side only. Pure.
 */
public final class StateDiff {
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StateDiff() {}

  /** Diff text; empty when desired and actual agree. */
  public static String render(DesiredState desired, ObservedState observed) {
    StringBuilder sb = new StringBuilder();
    if (observed.networks().stream().noneMatch(n -> n.name().equals(desired.network().name()))) {
      sb.append("+ network ").append(desired.network().name()).append(" (missing)\n");
    }
    Set<String> volumes = new TreeSet<>();
    observed.volumes().forEach(v -> volumes.add(v.name()));
    desired.volumes().stream()
        .filter(v -> !volumes.contains(v.name()))
        .forEach(v -> sb.append("+ volume ").append(v.name()).append(" (missing)\n"));
    Set<String> desiredNames = new TreeSet<>();
    for (ContainerSpec c : desired.containers()) {
      desiredNames.add(c.name());
      ObservedContainer actual =
          observed.containers().stream()
              .filter(o -> o.name().equals(c.name()))
              .findFirst()
              .orElse(null);
      String want = pretty(c.labels().get(Labels.SPEC));
      String have = actual == null ? "" : pretty(actual.labels().get(Labels.SPEC));
      if (actual != null && !actual.running()) {
        sb.append("~ container ")
            .append(c.name())
            .append(": state ")
            .append(actual.state())
            .append(" → running\n");
      }
      if (!want.equals(have)) {
        sb.append("--- actual/container/")
            .append(c.name())
            .append(actual == null ? " (missing)" : "")
            .append('\n');
        sb.append("+++ desired/container/").append(c.name()).append('\n');
        LineDiff.unified(have, want).forEach(l -> sb.append(l).append('\n'));
      }
    }
    for (ObservedContainer o : observed.containers()) {
      if (!desiredNames.contains(o.name())) {
        sb.append("- container ").append(o.name()).append(" (not desired: would be removed)\n");
      }
    }
    return sb.toString();
  }

  private static String pretty(String canonical) {
    if (canonical == null) {
      return "";
    }
    JsonNode n = ConfigHash.parse(canonical);
    if (n == null) {
      return canonical;
    }
    mask(n);
    try {
      return PRETTY.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      return canonical;
    }
  }

  private static void mask(JsonNode n) {
    if (!(n.path("env") instanceof ObjectNode env)) {
      return;
    }
    List<String> sensitive = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().asText().startsWith(ConfigHash.SENSITIVE_PREFIX)) {
        sensitive.add(e.getKey());
      }
    }
    sensitive.forEach(k -> env.put(k, "(sensitive) " + env.get(k).asText().substring(7, 19)));
  }
}
