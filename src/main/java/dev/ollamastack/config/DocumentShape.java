package dev.ollamastack.config;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** A stack file is a mapping; a list or a lone value is almost always the wrong file. */
final class DocumentShape {
  private DocumentShape() {}

  static void requireMapping(Node root, String file) {
    String got =
        switch (root) {
          case MappingNode m -> null;
          case SequenceNode s -> "a list";
          case ScalarNode s when Tag.NULL.equals(s.getTag()) -> "an empty value";
          case ScalarNode s -> "a single value";
          default -> "something else";
        };
    if (got == null) {
      return;
    }
    int line = root.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    int column = root.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
    throw InvalidStackException.of(
        new Problem(
            file,
            line,
            column,
            "",
            "the document must be a mapping with apiVersion, kind, metadata and spec (got "
                + got
                + ")"),
        "start from 'ollama-stack init' or one of the files in examples/");
  }
}
