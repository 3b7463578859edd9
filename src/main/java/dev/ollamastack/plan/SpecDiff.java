package dev.ollamastack.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamastack.plan.render.ConfigHash;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Human reasons for a recreate: field-by-field differences between the canonical spec a container
 * was created from (its {@code ollama-stack.spec} label) and the one desired now. Secrets appear
 * only as {@code (sensitive)}.
 */
final class SpecDiff {
  private SpecDiff() {}

  static List<String> reasons(String actualCanonical, String desiredCanonical) {
    JsonNode actual = actualCanonical == null ? null : ConfigHash.parse(actualCanonical);
    JsonNode desired = ConfigHash.parse(desiredCanonical);
    if (actual == null || desired == null) {
      return List.of("configuration changed (created by another version of ollama-stack)");
    }
    List<String> reasons = new ArrayList<>();
    text(actual, desired, "image").ifPresent(r -> reasons.add("image " + r));
    reasons.addAll(envReasons(actual.path("env"), desired.path("env")));
    reasons.addAll(portReasons(actual.path("ports"), desired.path("ports")));
    reasons.addAll(fileReasons(actual.path("files"), desired.path("files")));
    for (String field :
        List.of(
            "entrypoint",
            "cmd",
            "mounts",
            "network",
            "networkAliases",
            "extraHosts",
            "resources",
            "devices",
            "healthCheck")) {
      text(actual, desired, field).ifPresent(r -> reasons.add(field + " " + r));
    }
    if (reasons.isEmpty()) {
      reasons.add("configuration changed");
    }
    return reasons;
  }

  private static java.util.Optional<String> text(JsonNode a, JsonNode d, String field) {
    JsonNode av = a.path(field);
    JsonNode dv = d.path(field);
    if (av.equals(dv)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(show(av) + " → " + show(dv));
  }

  private static String show(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) {
      return "(none)";
    }
    return n.isTextual() ? n.asText() : n.toString();
  }

  private static List<String> envReasons(JsonNode actual, JsonNode desired) {
    Map<String, String> a = fields(actual);
    Map<String, String> d = fields(desired);
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(d.keySet());
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      String av = a.get(k);
      String dv = d.get(k);
      if (av != null && av.equals(dv)) {
        continue;
      }
      boolean secret = isSecret(av) || isSecret(dv);
      out.add(
          "env "
              + k
              + ": "
              + quoted(av)
              + " → "
              + quoted(dv)
              + (secret && av != null && dv != null ? SECRET_WARNING : ""));
    }
    return out;
  }

  /** Loud: a changed secret logs every Open WebUI user out and breaks stored tokens. */
  static final String SECRET_WARNING = " (A SECRET CHANGES: users will be logged out)";

  private static boolean isSecret(String v) {
    return v != null && v.startsWith(ConfigHash.SENSITIVE_PREFIX);
  }

  private static String quoted(String v) {
    if (v == null) {
      return "(unset)";
    }
    if (v.startsWith(ConfigHash.SENSITIVE_PREFIX)) {
      return "(sensitive)";
    }
    return "\"" + v + "\"";
  }

  private static List<String> portReasons(JsonNode actual, JsonNode desired) {
    if (actual.equals(desired)) {
      return List.of();
    }
    return List.of("port " + ports(actual) + " → " + ports(desired));
  }

  private static String ports(JsonNode ports) {
    if (!ports.isArray() || ports.isEmpty()) {
      return "(not published)";
    }
    List<String> out = new ArrayList<>();
    for (JsonNode p : ports) {
      String ip = p.path("hostIp").asText();
      String prefix = "127.0.0.1".equals(ip) ? "" : ip + ":";
      out.add(prefix + p.path("hostPort").asInt());
    }
    return String.join(",", out);
  }

  private static List<String> fileReasons(JsonNode actual, JsonNode desired) {
    Map<String, String> a = fields(actual);
    Map<String, String> d = fields(desired);
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(d.keySet());
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      if (!java.util.Objects.equals(a.get(k), d.get(k))) {
        out.add("file " + k.substring(k.lastIndexOf('/') + 1) + " changed");
      }
    }
    return out;
  }

  private static Map<String, String> fields(JsonNode n) {
    Map<String, String> m = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), e.getValue().asText());
    }
    return m;
  }
}
