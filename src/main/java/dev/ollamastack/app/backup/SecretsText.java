package dev.ollamastack.app.backup;

import dev.ollamastack.config.SecretStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code secrets.env} with a given Open WebUI key and the other lines of the current file (the
 * mcpo key, when there is one, is generated later by {@link SecretStore} otherwise).
 */
final class SecretsText {
  private SecretsText() {}

  static byte[] withWebuiKey(Path current, String key) {
    Map<String, String> values = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(current, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (!line.startsWith("#") && eq > 0) {
          values.put(line.substring(0, eq).strip(), line.substring(eq + 1));
        }
      }
    } catch (IOException e) {
      // no current file: only the key
    }
    values.put(SecretStore.WEBUI_SECRET_KEY, key);
    StringBuilder b =
        new StringBuilder("# Secrets of this ollama-stack installation. Keep this file private.\n");
    values.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The Open WebUI key a secrets file holds, or {@code null}. */
  static String webuiKey(byte[] text) {
    if (text == null) {
      return null;
    }
    for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith(SecretStore.WEBUI_SECRET_KEY + "=")) {
        return line.substring(SecretStore.WEBUI_SECRET_KEY.length() + 1).strip();
      }
    }
    return null;
  }
}
