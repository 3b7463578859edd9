package dev.ollamastack.app;

import dev.ollamastack.config.SecretStore;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.Secrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secrets an installation's containers were created with. When {@code secrets.env} is lost (a
 * new machine user, a wiped home), generating new ones would log every Open WebUI user out and
 * break stored tokens: the values in use are taken back instead.
 */
final class SecretsInUse {
  private static final List<String> KEYS =
      List.of(SecretStore.WEBUI_SECRET_KEY, SecretStore.MCPO_API_KEY);

  private SecretsInUse() {}

  static Map<String, String> find(DockerEngine engine, String installation) {
    Map<String, String> found = new LinkedHashMap<>();
    for (ObservedContainer c : engine.listContainers(Map.of(Labels.INSTALLATION, installation))) {
      Map<String, String> env = engine.containerEnv(c.id());
      for (String key : KEYS) {
        String v = env.get(key);
        if (v != null && !v.isBlank()) {
          found.putIfAbsent(key, v);
        }
      }
    }
    return found;
  }

  /** The secrets in use, {@code placeholder} for those no container holds (for planning). */
  static Secrets orPlaceholder(Map<String, String> inUse, String placeholder) {
    return new Secrets(
        inUse.getOrDefault(SecretStore.WEBUI_SECRET_KEY, placeholder),
        inUse.getOrDefault(SecretStore.MCPO_API_KEY, placeholder));
  }
}
