package dev.ollamastack.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Environment values exactly as written. YAML types {@code 1.10} as the float 1.1 and {@code 0x1F}
 * as the integer 31, and the schema validates them as such; but a container gets text, and {@code
 * OLLAMA_VERSION: 1.10} must reach it as {@code 1.10}. After validation, every number or boolean in
 * an {@code env} mapping is replaced by its source text.
 */
final class EnvText {
  private EnvText() {}

  static void restore(JsonNode root, SourceMap sources) {
    JsonNode services = root.path("spec").path("services");
    for (String service : List.of("ollama", "webui", "mcpProxy")) {
      restore(services.path(service).path("env"), "spec.services." + service + ".env", sources);
    }
    root.path("spec")
        .path("extensions")
        .path("settings")
        .properties()
        .forEach(
            e ->
                restore(
                    e.getValue().path("env"),
                    DottedPath.child(
                        DottedPath.child("spec.extensions.settings", e.getKey()), "env"),
                    sources));
  }

  private static void restore(JsonNode env, String path, SourceMap sources) {
    if (!(env instanceof ObjectNode object)) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : new ArrayList<>(object.properties())) {
      if (e.getValue().isNumber() || e.getValue().isBoolean()) {
        String text = sources.text(DottedPath.child(path, e.getKey()));
        if (text != null) {
          object.set(e.getKey(), TextNode.valueOf(text));
        }
      }
    }
  }
}
