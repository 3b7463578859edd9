package dev.ollamastack.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.app.controller.ControllerLog;
import java.io.PrintWriter;
import java.util.Map;

/** The controller's lines on stdout: {@code TIME KIND message}, or one JSON object per line. */
final class ControllerLogPrinter implements ControllerLog {
  enum Format {
    text,
    json
  }

  private static final ObjectWriter LINE =
      Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private final PrintWriter out;
  private final Format format;

  ControllerLogPrinter(PrintWriter out, Format format) {
    this.out = out;
    this.format = format;
  }

  @Override
  public synchronized void log(Entry e) {
    switch (format) {
      case text -> out.println(e.time() + " " + e.kind().label() + " " + e.message());
      case json -> out.println(json(e));
    }
    out.flush();
  }

  static String json(Entry e) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("time", e.time().toString());
    n.put("kind", e.kind().label());
    n.put("message", e.message());
    for (Map.Entry<String, Object> f : e.fields().entrySet()) {
      n.set(f.getKey(), Json.MAPPER.valueToTree(f.getValue()));
    }
    try {
      return LINE.writeValueAsString(n);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
