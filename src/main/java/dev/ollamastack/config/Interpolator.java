package dev.ollamastack.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} with values from the environment, as Docker
 * Compose does: the default applies when the variable is unset or empty; {@code $${} writes a
 * literal {@code ${}. Other {@code $} characters are left alone so URLs and passwords survive.
 */
final class Interpolator {
  /**
   * The outcome for one string.
   *
   * @param value the string with every reference replaced (missing ones by the empty string)
   * @param errors what went wrong, in plain English, one per reference
   */
  record Result(String value, List<String> errors) {}

  private final Map<String, String> env;

  Interpolator(Map<String, String> env) {
    this.env = env;
  }

  Result interpolate(String text) {
    if (text.indexOf('$') < 0) {
      return new Result(text, List.of());
    }
    StringBuilder out = new StringBuilder(text.length());
    List<String> errors = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          errors.add("unclosed \"${\" (write \"$${\" for a literal \"${\")");
          out.append(text, i, text.length());
          break;
        }
        out.append(resolve(text.substring(i + 2, end), errors));
        i = end + 1;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return new Result(out.toString(), List.copyOf(errors));
  }

  private String resolve(String expression, List<String> errors) {
    int sep = expression.indexOf(":-");
    String name = sep < 0 ? expression : expression.substring(0, sep);
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      errors.add(
          "\"${"
              + expression
              + "}\" is not a variable reference (use ${NAME} or ${NAME:-default})");
      return "";
    }
    String value = env.get(name);
    if (value != null && (!value.isEmpty() || sep < 0)) {
      return value;
    }
    if (sep >= 0) {
      return expression.substring(sep + 2);
    }
    errors.add(
        "environment variable "
            + name
            + " is not set (set it, or give a default: ${"
            + name
            + ":-value})");
    return "";
  }
}
