package dev.ollamastack.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.config.SourceMap.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * YAML nodes to a Jackson tree the schema validator reads, recording every key's and value's
 * position, interpolating {@code ${VAR}} in string values and reporting duplicate keys. Problems
 * are collected, not thrown, so one run reports them all. Aliases are expanded here: the graph
 * comes from {@link YamlParser}, whose {@link ExpansionGuard} has already refused cycles, deep
 * nesting and alias bombs, so the recursion is bounded.
 */
final class TreeBuilder {

  /**
   * The converted document.
   *
   * @param problems duplicate keys, unresolvable variables, non-string keys
   */
  record Result(JsonNode root, SourceMap sources, List<Problem> problems) {}

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final String file;
  private final Interpolator interpolator;
  private final SourceMap sources = new SourceMap();
  private final List<Problem> problems = new ArrayList<>();

  private TreeBuilder(String file, Interpolator interpolator) {
    this.file = file;
    this.interpolator = interpolator;
  }

  static Result build(Node root, String file, Interpolator interpolator) {
    TreeBuilder b = new TreeBuilder(file, interpolator);
    JsonNode json = b.convert(root, "");
    return new Result(json, b.sources, List.copyOf(b.problems));
  }

  private JsonNode convert(Node node, String path) {
    sources.putValue(path, location(node));
    return switch (node) {
      case MappingNode m -> mapping(m, path);
      case SequenceNode s -> sequence(s, path);
      case ScalarNode s -> scalar(s, path);
      default -> JSON.nullNode();
    };
  }

  private ObjectNode mapping(MappingNode node, String path) {
    ObjectNode object = JSON.objectNode();
    Map<String, Location> seen = new HashMap<>();
    for (NodeTuple tuple : node.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
        problems.add(
            problem(tuple.getKeyNode(), path, "keys must be plain names, not lists or maps"));
        continue;
      }
      String key = keyNode.getValue();
      String child = DottedPath.child(path, key);
      Location first = seen.putIfAbsent(key, location(keyNode));
      if (first != null) {
        problems.add(
            problem(
                keyNode,
                child,
                "duplicate key \"" + key + "\" (first at line " + first.line() + ")"));
        continue;
      }
      sources.putKey(child, location(keyNode));
      object.set(key, convert(tuple.getValueNode(), child));
    }
    return object;
  }

  private ArrayNode sequence(SequenceNode node, String path) {
    ArrayNode array = JSON.arrayNode();
    List<Node> items = node.getValue();
    for (int i = 0; i < items.size(); i++) {
      array.add(convert(items.get(i), DottedPath.index(path, i)));
    }
    return array;
  }

  private JsonNode scalar(ScalarNode node, String path) {
    Interpolator.Result r = interpolator.interpolate(node.getValue());
    r.errors().forEach(e -> problems.add(problem(node, path, e)));
    sources.putText(path, r.value());
    ControlCharacters.problem(r.value(), path).ifPresent(m -> problems.add(problem(node, path, m)));
    if (r.value().equals(node.getValue())) {
      return ScalarValues.toJson(node.getTag(), node.getValue());
    }
    if (r.value().isEmpty()) {
      return JSON.textNode(""); // ${X:-} is an empty string, not YAML's empty plain null
    }
    // A plain ${PORT:-8080} is typed by what it becomes, as if the user had written 8080.
    var tag =
        node.isPlain()
            ? YamlParser.SETTINGS.getSchema().getScalarResolver().resolve(r.value(), true)
            : node.getTag();
    return ScalarValues.toJson(tag, r.value());
  }

  private Problem problem(Node node, String path, String message) {
    Location at = location(node);
    return new Problem(file, at.line(), at.column(), path, message);
  }

  private static Location location(Node node) {
    return node.getStartMark()
        .map(m -> new Location(m.getLine() + 1, m.getColumn() + 1))
        .orElse(Location.UNKNOWN);
  }
}
