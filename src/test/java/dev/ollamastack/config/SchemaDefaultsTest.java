package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamastack.model.StackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The schema's {@code default}s (what editors show) and the records' defaults (what the tool uses)
 * are written twice, so this test keeps them equal.
 */
class SchemaDefaultsTest {
  private final JsonNode schema = StackSchema.get().document();

  @Test
  void everySchemaDefaultEqualsTheRecordDefault() {
    Map<String, JsonNode> defaults = new TreeMap<>();
    collect(schema, "", defaults);
    JsonNode rendered = SpecDocument.render(StackSpec.defaults());

    assertThat(defaults)
        .containsKeys("/metadata/name", "/spec/platform", "/spec/services/ollama/port");
    defaults.forEach(
        (pointer, value) ->
            assertThat(rendered.at(pointer)).as("default of %s", pointer).isEqualTo(value));
  }

  @Test
  void everyPropertyIsDescribedForEditors() {
    List<String> undescribed = new ArrayList<>();
    findUndescribed(schema, "", undescribed);
    assertThat(undescribed).isEmpty();
  }

  /** Walks {@code properties} (through {@code $ref}) collecting defaults by instance pointer. */
  private void collect(JsonNode node, String pointer, Map<String, JsonNode> out) {
    JsonNode resolved = resolve(node);
    if (node.has("default")) {
      out.put(pointer, node.get("default"));
    } else if (resolved.has("default")) {
      out.put(pointer, resolved.get("default"));
    }
    resolved
        .path("properties")
        .properties()
        .forEach(e -> collect(e.getValue(), pointer + "/" + e.getKey(), out));
  }

  private void findUndescribed(JsonNode node, String pointer, List<String> out) {
    JsonNode resolved = resolve(node);
    resolved
        .path("properties")
        .properties()
        .forEach(
            e -> {
              String child = pointer + "/" + e.getKey();
              if (!e.getValue().has("description") && !resolve(e.getValue()).has("description")) {
                out.add(child);
              }
              findUndescribed(e.getValue(), child, out);
            });
  }

  private JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText("");
    return ref.startsWith("#/") ? schema.at(ref.substring(1)) : node;
  }
}
