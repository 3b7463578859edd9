package dev.ollamastack.plan.export;

import dev.ollamastack.model.Secrets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stack's secret values by the name they have in {@code secrets.env}, so a rendered value can
 * name a secret instead of holding it: {@code TOOL_SERVER_CONNECTIONS} embeds mcpo's key, which
 * becomes a reference to {@code MCPO_API_KEY}.
 */
final class SecretReferences {
  /** A piece of a value: literal text, or the name of the secret that stood there. */
  sealed interface Part {
    record Literal(String text) implements Part {}

    record Secret(String name) implements Part {}
  }

  private final Map<String, String> nameByValue = new LinkedHashMap<>();
  private final Map<String, String> valueByName = new LinkedHashMap<>();

  SecretReferences(Secrets secrets) {
    add("WEBUI_SECRET_KEY", secrets.webuiSecretKey());
    add("MCPO_API_KEY", secrets.mcpoApiKey());
    secrets.others().forEach(this::add);
  }

  private void add(String name, String value) {
    // An empty secret (an extension token not set yet) would match everywhere.
    if (value != null && !value.isEmpty()) {
      nameByValue.putIfAbsent(value, name);
      valueByName.put(name, value);
    }
  }

  /** The value of the secret {@code name}. */
  String value(String name) {
    return valueByName.getOrDefault(name, "");
  }

  /**
   * {@code value} cut into literal text and the secrets found in it, longest secret first; a value
   * of a sensitive variable that holds no known secret is one secret part named {@code envName}.
   */
  List<Part> split(String envName, String value) {
    List<Part> parts = new ArrayList<>();
    int i = 0;
    int literalStart = 0;
    while (i < value.length()) {
      String found = secretAt(value, i);
      if (found == null) {
        i++;
        continue;
      }
      if (i > literalStart) {
        parts.add(new Part.Literal(value.substring(literalStart, i)));
      }
      parts.add(new Part.Secret(nameByValue.get(found)));
      i += found.length();
      literalStart = i;
    }
    if (literalStart < value.length()) {
      parts.add(new Part.Literal(value.substring(literalStart)));
    }
    boolean anySecret = parts.stream().anyMatch(p -> p instanceof Part.Secret);
    if (!anySecret) {
      valueByName.putIfAbsent(envName, value);
      return List.of(new Part.Secret(envName));
    }
    return parts;
  }

  private String secretAt(String value, int at) {
    String best = null;
    for (String secret : nameByValue.keySet()) {
      if (value.startsWith(secret, at) && (best == null || secret.length() > best.length())) {
        best = secret;
      }
    }
    return best;
  }
}
