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
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.plan.render.ConfigHash;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Field-level desired vs actual for every resource, like {@code kubectl diff}: the same matches the
 * planner acts on, shown as a unified diff of each changed container's canonical spec (secrets as
 * {@code (sensitive)}), plus resources that exist on one side only. Pure.
 */
public final class StateDiff {
  /** A Swarm service: missing, or the reasons of its update or scaling. */
  private static void service(StringBuilder sb, ResourceKey key, Match match) {
    switch (match) {
      case Match.Missing m -> sb.append("+ ").append(key.describe()).append(" (missing)\n");
      case Match.Changed c ->
          c.reasons()
              .forEach(
                  r -> sb.append("~ ").append(key.describe()).append(": ").append(r).append('\n'));
      case Match.NotRunning n ->
          sb.append("~ ").append(key.describe()).append(": ").append(n.why()).append('\n');
      case Match.Unwanted u ->
          sb.append("~ ").append(key.describe()).append(": ").append(u.why()).append('\n');
      case Match.Drifted d -> {}
      case Match.InSync i -> {}
    }
  }

  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StateDiff() {}

  /** Diff text; empty when desired and actual agree. */
  public static String render(
      DesiredState desired, ObservedState observed, Map<ResourceKey, Match> matches) {
    StringBuilder sb = new StringBuilder();
    matches.forEach(
        (key, match) -> {
          switch (key.kind()) {
            case NETWORK, VOLUME, MODEL -> {
              if (match instanceof Match.Missing) {
                sb.append("+ ").append(key.describe()).append(" (missing)\n");
              }
            }
            case LOADED_MODEL -> {
              if (match instanceof Match.Missing) {
                sb.append("+ ").append(key.describe()).append(" (not loaded: preload)\n");
              }
            }
            case IMAGE, CONFIG -> {} // images follow the containers; state is not a resource here
            case CONTAINER -> container(sb, desired, observed, key, match);
            case SECRET, SWARM_CONFIG -> {
              if (match instanceof Match.Missing) {
                sb.append("+ ").append(key.describe()).append(" (missing)\n");
              }
            }
            case SERVICE -> service(sb, key, match);
            case TOOL_SERVERS -> {
              if (match instanceof Match.Changed c) {
                c.reasons()
                    .forEach(
                        r ->
                            sb.append("~ ")
                                .append(key.describe())
                                .append(": ")
                                .append(r)
                                .append('\n'));
              }
            }
          }
        });
    Set<ResourceKey> nodes = matches.keySet();
    Set<String> claimed = Planner.claimed(desired, observed);
    for (ObservedContainer o : observed.containers()) {
      if (!nodes.contains(ResourceKey.container(o.name())) && !claimed.contains(o.id())) {
        sb.append("- container ").append(o.name()).append(" (not desired: would be removed)\n");
      }
    }
    observed.networks().stream()
        .filter(n -> desired.installation().equals(n.installation()))
        .filter(n -> !nodes.contains(ResourceKey.network(n.name())))
        .forEach(
            n ->
                sb.append("- network ")
                    .append(n.name())
                    .append(" (not desired: would be removed)\n"));
    return sb.toString();
  }

  private static void container(
      StringBuilder sb,
      DesiredState desired,
      ObservedState observed,
      ResourceKey key,
      Match match) {
    ContainerSpec c =
        desired.containers().stream().filter(s -> s.name().equals(key.name())).findFirst().get();
    ObservedContainer actual =
        observed.containers().stream()
            .filter(o -> o.name().equals(key.name()))
            .findFirst()
            .orElse(null);
    switch (match) {
      case Match.InSync s -> {}
      case Match.NotRunning n ->
          sb.append("~ container ")
              .append(c.name())
              .append(": ")
              .append(n.why())
              .append(" → running\n");
      case Match.Unwanted u ->
          sb.append("- container ").append(c.name()).append(" (").append(u.why()).append(")\n");
      case Match.Drifted d ->
          d.repairs()
              .forEach(
                  r ->
                      sb.append("~ container ")
                          .append(c.name())
                          .append(": ")
                          .append(r.describe())
                          .append('\n'));
      case Match.Missing m -> unified(sb, c.name(), "", pretty(c), " (missing)");
      case Match.Changed ch -> {
        String have = actual == null ? "" : pretty(actual.labels().get(Labels.SPEC));
        String want = pretty(c);
        if (have.equals(want)) {
          ch.reasons()
              .forEach(
                  r ->
                      sb.append("~ container ")
                          .append(c.name())
                          .append(": ")
                          .append(r)
                          .append('\n'));
        } else {
          unified(sb, c.name(), have, want, "");
        }
      }
    }
  }

  private static void unified(
      StringBuilder sb, String name, String have, String want, String actualNote) {
    sb.append("--- actual/container/").append(name).append(actualNote).append('\n');
    sb.append("+++ desired/container/").append(name).append('\n');
    LineDiff.unified(have, want).forEach(l -> sb.append(l).append('\n'));
  }

  private static String pretty(ContainerSpec c) {
    return pretty(c.labels().get(Labels.SPEC));
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
    int hex = ConfigHash.SENSITIVE_PREFIX.length();
    sensitive.forEach(
        k -> env.put(k, "(sensitive) " + env.get(k).asText().substring(hex, hex + 12)));
  }
}
