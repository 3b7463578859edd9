package dev.ollamastack.backup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The older Python CLI's {@code .env}, as python-dotenv writes it ({@code KEY='value'}, always
 * single-quoted) and as users edit it (double quotes, no quotes, {@code export}, comments). Only
 * {@code PROJECT_NAME} and {@code WEBUI_SECRET_KEY} matter to a migration.
 */
public final class OlderEnvFile {
  public static final String PROJECT_NAME = "PROJECT_NAME";
  public static final String WEBUI_SECRET_KEY = "WEBUI_SECRET_KEY";

  /**
   * What the older CLI writes when it makes its files up: the key is public, so it counts as unset.
   */
  public static final String PLACEHOLDER_KEY = "your-secret-key-here";

  private static final Pattern LINE =
      Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*(.*?)\\s*");

  private final Map<String, String> values;

  private OlderEnvFile(Map<String, String> values) {
    this.values = values;
  }

  public static OlderEnvFile parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\\R")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        values.put(m.group(1), value(m.group(2)));
      }
    }
    return new OlderEnvFile(values);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
  }

  /** The project name, when set. */
  public Optional<String> projectName() {
    return get(PROJECT_NAME);
  }

  /** The secret key, unless unset or the older CLI's placeholder. */
  public Optional<String> secretKey() {
    return get(WEBUI_SECRET_KEY).filter(OlderEnvFile::usableKey);
  }

  /** Whether a key is a real one (not empty, not the published placeholder). */
  public static boolean usableKey(String key) {
    return key != null && !key.isBlank() && !PLACEHOLDER_KEY.equals(key.strip());
  }

  private static String value(String raw) {
    if (raw.length() >= 2 && raw.startsWith("'")) {
      int end = closing(raw, '\'');
      return unescape(raw.substring(1, end), "\\'");
    }
    if (raw.length() >= 2 && raw.startsWith("\"")) {
      int end = closing(raw, '"');
      return unescape(raw.substring(1, end), "\\\"nt");
    }
    int hash = raw.indexOf(" #");
    return (hash >= 0 ? raw.substring(0, hash) : raw).strip();
  }

  private static int closing(String raw, char quote) {
    for (int i = 1; i < raw.length(); i++) {
      if (raw.charAt(i) == '\\') {
        i++;
      } else if (raw.charAt(i) == quote) {
        return i;
      }
    }
    return raw.length(); // unterminated: take the rest, as python-dotenv does
  }

  private static String unescape(String s, String escapable) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && escapable.indexOf(s.charAt(i + 1)) >= 0) {
        char n = s.charAt(++i);
        b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
