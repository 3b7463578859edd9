package dev.ollamastack.config;

import java.util.regex.Pattern;

/**
 * Paths into the document as users read them: {@code spec.services.webui.port}, {@code
 * spec.extensions.enabled[1]}. Keys that are not simple names are quoted ({@code
 * settings["my.ext"]}) so a path always reads back unambiguously.
 */
final class DottedPath {
  private static final Pattern SIMPLE = Pattern.compile("[A-Za-z0-9_-]+");

  private DottedPath() {}

  static String child(String parent, String key) {
    if (!SIMPLE.matcher(key).matches()) {
      return parent + "[\"" + key.replace("\"", "\\\"") + "\"]";
    }
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** The enclosing path, or empty at the root. */
  static String parent(String path) {
    int cut =
        path.endsWith("\"]")
            ? path.lastIndexOf("[\"")
            : Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** Whether {@code path} lies inside {@code ancestor} (and is not equal to it). */
  static boolean isInside(String path, String ancestor) {
    if (ancestor.isEmpty()) {
      return !path.isEmpty();
    }
    return path.length() > ancestor.length()
        && path.startsWith(ancestor)
        && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '[');
  }
}
