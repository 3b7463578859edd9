package dev.ollamastack.model;

/**
 * Secrets the stack needs, kept in {@code secrets.env} beside the state, never in the YAML and
 * never printed.
 *
 * @param webuiSecretKey Open WebUI's session/JWT signing key: changing it logs every user out
 * @param mcpoApiKey the bearer key mcpo requires on tool endpoints
 */
public record Secrets(String webuiSecretKey, String mcpoApiKey) {
  @Override
  public String toString() {
    return "Secrets[(sensitive)]";
  }
}
