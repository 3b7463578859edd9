package dev.ollamastack.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Adds or removes one name in {@code spec.extensions.enabled} by editing the text at the marks
 * SnakeYAML Engine gives, so every comment, blank line, key order and quoting elsewhere stays byte
 * for byte: a block list gains or loses one {@code - name} line, a flow list ({@code [a, b]}) is
 * rewritten in place, a missing list is inserted under its parent with the parent's indentation.
 */
public final class EnabledExtensionsEdit {
  private EnabledExtensionsEdit() {}

  /**
   * The edited text.
   *
   * @param current the list as loaded (defaults applied): what a missing key stands for
   */
  public static String apply(String text, List<String> current, String name, boolean enable) {
    if (current.contains(name) == enable) {
      return text; // already as asked: a block list would otherwise gain a duplicate line
    }
    List<String> wanted = new ArrayList<>(current);
    if (enable) {
      wanted.add(name);
    } else {
      wanted.remove(name);
    }
    Node root = YamlParser.parse(text, "stack file").orElse(null);
    Optional<NodeTuple> spec = child(root, "spec");
    Optional<NodeTuple> extensions = spec.flatMap(t -> child(t.getValueNode(), "extensions"));
    Optional<NodeTuple> enabled = extensions.flatMap(t -> child(t.getValueNode(), "enabled"));
    if (enabled.isPresent() && enabled.get().getValueNode() instanceof SequenceNode seq) {
      return seq.getFlowStyle() == FlowStyle.BLOCK && !seq.getValue().isEmpty()
          ? editBlock(text, seq, name, enable)
          : replace(text, seq, flow(wanted));
    }
    if (enabled.isPresent()) {
      return replace(text, enabled.get().getValueNode(), flow(wanted));
    }
    String line = "enabled: " + flow(wanted);
    if (extensions.isPresent()) {
      return insertUnder(text, extensions.get(), line);
    }
    if (spec.isPresent()) {
      return insertUnder(text, spec.get(), "extensions:\n  " + line);
    }
    return text
        + (text.endsWith("\n") || text.isEmpty() ? "" : "\n")
        + "spec:\n  extensions:\n    "
        + line
        + "\n";
  }

  private static Optional<NodeTuple> child(Node node, String key) {
    if (!(node instanceof MappingNode map)) {
      return Optional.empty();
    }
    return map.getValue().stream()
        .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
        .findFirst();
  }

  private static String flow(List<String> names) {
    return "[" + String.join(", ", names) + "]";
  }

  private static String editBlock(String text, SequenceNode seq, String name, boolean enable) {
    List<Node> items = seq.getValue();
    if (enable) {
      Node last = items.get(items.size() - 1);
      Mark first = items.get(0).getStartMark().orElseThrow();
      int dash = offset(text, first) - 2; // "- " before the first item
      String indent = " ".repeat(Math.max(0, column(text, dash)));
      int end = lineEnd(text, offset(text, last.getEndMark().orElseThrow()) - 1);
      return text.substring(0, end) + "\n" + indent + "- " + name + text.substring(end);
    }
    for (Node item : items) {
      if (item instanceof ScalarNode s && s.getValue().equals(name)) {
        int at = offset(text, s.getStartMark().orElseThrow());
        int start = text.lastIndexOf('\n', at - 1) + 1;
        int end = lineEnd(text, at);
        return text.substring(0, start) + text.substring(Math.min(text.length(), end + 1));
      }
    }
    return text;
  }

  /** Inserts {@code line} as the first child of {@code parent}, indented like its children. */
  private static String insertUnder(String text, NodeTuple parent, String line) {
    int keyAt = offset(text, parent.getKeyNode().getStartMark().orElseThrow());
    int keyCol = column(text, keyAt);
    Node value = parent.getValueNode();
    if (value instanceof MappingNode map
        && map.getFlowStyle() == FlowStyle.BLOCK
        && !map.getValue().isEmpty()) {
      int childAt = offset(text, map.getValue().get(0).getKeyNode().getStartMark().orElseThrow());
      String indent = " ".repeat(column(text, childAt));
      int start = text.lastIndexOf('\n', childAt - 1) + 1;
      return text.substring(0, start)
          + indent
          + line.replace("\n", "\n" + indent)
          + "\n"
          + text.substring(start);
    }
    // an empty (null) or flow value: replace it by a block with the new line
    String indent = " ".repeat(keyCol + 2);
    int colon = text.indexOf(':', keyAt);
    int end =
        value instanceof ScalarNode
            ? lineEnd(text, colon)
            : offset(text, value.getEndMark().orElseThrow());
    String block = "\n" + indent + line.replace("\n", "\n" + indent);
    String rest = text.substring(end);
    String kept = value instanceof ScalarNode ? commentOf(text.substring(colon + 1, end)) : "";
    return text.substring(0, colon + 1) + kept + block + rest;
  }

  private static String commentOf(String afterColon) {
    int hash = afterColon.indexOf('#');
    return hash < 0 ? "" : " " + afterColon.substring(hash);
  }

  private static String replace(String text, Node node, String with) {
    int start = offset(text, node.getStartMark().orElseThrow());
    int end = offset(text, node.getEndMark().orElseThrow());
    return text.substring(0, start) + with + text.substring(end);
  }

  /** The char offset of a mark (marks count code points per line). */
  private static int offset(String text, Mark mark) {
    int lineStart = 0;
    for (int line = 0; line < mark.getLine(); line++) {
      lineStart = text.indexOf('\n', lineStart) + 1;
    }
    return text.offsetByCodePoints(lineStart, mark.getColumn());
  }

  private static int column(String text, int offset) {
    return offset - (text.lastIndexOf('\n', offset - 1) + 1);
  }

  private static int lineEnd(String text, int from) {
    int nl = text.indexOf('\n', Math.max(0, from));
    return nl < 0 ? text.length() : nl;
  }
}
