package dev.ollamastack.config;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text on its way out of the process: log lines at every level (docker-java's HTTP
 * bodies carry the containers' environment), error messages, anything printed. Two nets: the values
 * the tool knows are secrets (registered when loaded, generated or found in a container), and the
 * shapes secrets take before they are known ({@code WEBUI_SECRET_KEY=...} in an environment list,
 * {@code --api-key X}, {@code Authorization: Bearer X}, {@code "key": "X"}). Thread-safe: logging
 * happens on any thread.
 */
public final class Redactor {
  /** Shorter values are not masked by value: they would mask ordinary words. */
  static final int MIN_LENGTH = 8;

  private static final String NAME =
      "[A-Za-z_][A-Za-z0-9_]*(?:SECRET|PASSWORD|TOKEN|API_KEY|APIKEY|KEY)";
  private static final List<Pattern> SHAPES =
      List.of(
          // NAME=value in an env list or a log line; stops at a quote, space, comma or escape
          Pattern.compile("(?i)(\\b" + NAME + "=)([^\"'\\s,\\\\]+)"),
          // "NAME": "value" and \"key\":\"value\" (JSON, also escaped inside a JSON string)
          Pattern.compile(
              "(?i)(\\\\?\"(?:"
                  + NAME
                  + "|key|password|token|secret)\\\\?\"\\s*:\\s*\\\\?\")([^\"\\\\]+)"),
          // mcpo's argument, and HTTP bearer credentials
          Pattern.compile("(--api-key[= ]\\\\?\"?)([^\"\\s\\\\]+)"),
          Pattern.compile("(?i)(\\bBearer\\s+)([A-Za-z0-9._~+/=-]+)"));

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  /** Masks {@code value} wherever it appears from now on. */
  public void register(String value) {
    if (value != null && value.length() >= MIN_LENGTH && !value.equals(SensitiveValues.MASK)) {
      secrets.add(value);
    }
  }

  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    // Longest first: a secret that contains another must not be half masked.
    for (String s :
        secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
      if (out.contains(s)) {
        out = out.replace(s, SensitiveValues.MASK);
      }
    }
    for (Pattern p : SHAPES) {
      Matcher m = p.matcher(out);
      if (m.find()) {
        out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)) + SensitiveValues.MASK);
      }
    }
    return out;
  }
}
