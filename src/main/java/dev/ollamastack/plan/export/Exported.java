package dev.ollamastack.plan.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A rendered stack: YAML documents and the comment lines printed above them (how to deploy it, what
 * the format cannot say).
 */
public record Exported(List<String> comments, List<ObjectNode> documents) {
  public Exported {
    comments = List.copyOf(comments);
    documents = List.copyOf(documents);
  }
}
