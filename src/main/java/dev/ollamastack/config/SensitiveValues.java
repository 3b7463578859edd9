package dev.ollamastack.config;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which settings hold secrets, so every output can mask them as Terraform does. The stack file
 * should hold none, but users do put API keys and passwords in {@code env}.
 */
public final class SensitiveValues {
  /** What a masked value prints as. */
  public static final String MASK = "(sensitive)";

  private static final Pattern SENSITIVE_NAME =
      Pattern.compile("(?i).*(secret|password|token|api_key|apikey|key)$");

  private SensitiveValues() {}

  /** Whether an environment variable of this name holds a secret. */
  public static boolean isSensitive(String name) {
    return SENSITIVE_NAME.matcher(name).matches();
  }

  /** A copy of {@code env} with every sensitive value replaced by {@link #MASK}. */
  public static Map<String, String> mask(Map<String, String> env) {
    Map<String, String> masked = new TreeMap<>();
    env.forEach((k, v) -> masked.put(k, isSensitive(k) ? MASK : v));
    return masked;
  }
}
