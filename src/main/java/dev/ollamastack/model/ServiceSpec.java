package dev.ollamastack.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Desired Open WebUI or mcpo service.
 *
 * @param port host port, or {@code null} for not published
 */
public record ServiceSpec(
    boolean enabled, String image, Integer port, Map<String, String> env, Resources resources) {

  public static final String WEBUI_IMAGE = "ghcr.io/open-webui/open-webui:main";
  public static final String MCPO_IMAGE = "ghcr.io/open-webui/mcpo:main";
  public static final int WEBUI_PORT = 8080;
  public static final int MCPO_PORT = 8200;

  public ServiceSpec {
    env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(env));
    resources = resources == null ? Resources.NONE : resources;
  }

  public static ServiceSpec webuiDefaults() {
    return new ServiceSpec(true, WEBUI_IMAGE, WEBUI_PORT, Map.of(), Resources.NONE);
  }

  public static ServiceSpec mcpProxyDefaults() {
    return new ServiceSpec(true, MCPO_IMAGE, MCPO_PORT, Map.of(), Resources.NONE);
  }

  public ServiceSpec withEnabled(boolean e) {
    return new ServiceSpec(e, image, port, env, resources);
  }

  public ServiceSpec withEnv(Map<String, String> e) {
    return new ServiceSpec(enabled, image, port, e, resources);
  }

  public ServiceSpec withImage(String i) {
    return new ServiceSpec(enabled, i, port, env, resources);
  }

  public ServiceSpec withPort(Integer p) {
    return new ServiceSpec(enabled, image, p, env, resources);
  }
}
