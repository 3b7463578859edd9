package dev.ollamastack.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each key and value of the document stood in the file, by dotted path, so problems found on
 * the JSON tree (schema, semantics) point back at a line and column.
 */
final class SourceMap {
  /** A 1-based position. */
  record Location(int line, int column) {
    static final Location UNKNOWN = new Location(0, 0);
  }

  private final Map<String, Location> values = new HashMap<>();
  private final Map<String, Location> keys = new HashMap<>();
  private final Map<String, String> texts = new HashMap<>();

  /** The scalar's text as written (after {@code ${VAR}} interpolation), before YAML typed it. */
  void putText(String path, String text) {
    texts.put(path, text);
  }

  /** The text of the scalar at {@code path}, or null when there is none. */
  String text(String path) {
    return texts.get(path);
  }

  void putValue(String path, Location at) {
    values.put(path, at);
  }

  void putKey(String path, Location at) {
    keys.put(path, at);
  }

  /** Where the value at {@code path} starts, else the nearest enclosing value that exists. */
  Location value(String path) {
    for (String p = path; ; p = DottedPath.parent(p)) {
      Location at = values.get(p);
      if (at != null) {
        return at;
      }
      if (p.isEmpty()) {
        return Location.UNKNOWN;
      }
    }
  }

  /** Where the key naming {@code path} stands, else where its value (or an ancestor) starts. */
  Location key(String path) {
    Location at = keys.get(path);
    return at != null ? at : value(path);
  }

  /** Whether the file itself holds a value at {@code path} (as opposed to a default). */
  boolean has(String path) {
    return values.containsKey(path);
  }
}
