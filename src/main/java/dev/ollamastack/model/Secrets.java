package dev.ollamastack.model;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Secrets the stack needs, kept in {@code secrets.env} beside the state, never in the YAML and
 * never printed.
 *
 * @param webuiSecretKey Open WebUI's session/JWT signing key: changing it logs every user out
 * @param mcpoApiKey the bearer key mcpo requires on tool endpoints
 * @param others every other secret the user set: extension tokens, the Open WebUI admin API key
 */
public record Secrets(String webuiSecretKey, String mcpoApiKey, Map<String, String> others) {
  /** Where an Open WebUI admin's API key is kept: lets apply update its tool servers. */
  public static final String WEBUI_ADMIN_API_KEY = "WEBUI_ADMIN_API_KEY";

  public Secrets {
    others = others == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(others));
  }

  public Secrets(String webuiSecretKey, String mcpoApiKey) {
    this(webuiSecretKey, mcpoApiKey, Map.of());
  }

  /** A secret the user set, by name. */
  public Optional<String> other(String name) {
    return Optional.ofNullable(others.get(name));
  }

  @Override
  public String toString() {
    return "Secrets[(sensitive)]";
  }
}
