package dev.ollamastack.config;

import java.util.Optional;

/**
 * Control characters in values, refused at their scalar: YAML lets an escape ({@code "\e[31m"},
 * {@code "\u0000"}) or an environment variable put them in a string, but Docker rejects a NUL in an
 * environment variable, terminals and log parsers choke on the rest, and a name or label with one
 * cannot work. Environment values may hold tabs and line breaks (multi-line JSON settings); nothing
 * else may hold any.
 */
final class ControlCharacters {
  private ControlCharacters() {}

  static Optional<String> problem(String value, String path) {
    boolean env = path.contains(".env.") || path.contains(".env[");
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      boolean control = Character.getType(cp) == Character.CONTROL;
      boolean allowed = env && (cp == '\t' || cp == '\n' || cp == '\r');
      if (control && !allowed) {
        return Optional.of(
            String.format(
                "contains the control character U+%04X at position %d; remove it%s",
                cp,
                value.codePointCount(0, i) + 1,
                env ? " (tabs and line breaks are allowed in env values)" : ""));
      }
      i += Character.charCount(cp);
    }
    return Optional.empty();
  }
}
