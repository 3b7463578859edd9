package dev.ollamastack.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Desired Ollama service.
 *
 * @param image explicit image, or {@code null} to take the platform default ({@code :rocm} on amd)
 * @param port host port to publish on, or {@code null} for not published
 * @param url where Ollama answers in {@code external} (required) or {@code native} mode
 * @param models model names (with optional tags) pulled through Ollama's API once healthy
 * @param pruneModels when true, models not listed are deleted
 * @param preload models (each also in {@code models}) loaded into memory after apply and after
 *     every Ollama restart, with the stack's {@code OLLAMA_KEEP_ALIVE}
 */
public record OllamaSpec(
    OllamaMode mode,
    String url,
    String image,
    Integer port,
    Map<String, String> env,
    Resources resources,
    GpuRequest gpus,
    List<String> models,
    boolean pruneModels,
    List<String> preload) {

  public static final String DEFAULT_IMAGE = "ollama/ollama:latest";
  public static final String ROCM_IMAGE = "ollama/ollama:rocm";
  public static final int DEFAULT_PORT = 11434;
  public static final String KEEP_ALIVE_ENV = "OLLAMA_KEEP_ALIVE";

  public OllamaSpec {
    env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(env));
    models = models == null ? List.of() : List.copyOf(models);
    preload = preload == null ? List.of() : List.copyOf(preload);
    resources = resources == null ? Resources.NONE : resources;
    gpus = gpus == null ? GpuRequest.ALL : gpus;
  }

  /** Without preloaded models. */
  public OllamaSpec(
      OllamaMode mode,
      String url,
      String image,
      Integer port,
      Map<String, String> env,
      Resources resources,
      GpuRequest gpus,
      List<String> models,
      boolean pruneModels) {
    this(mode, url, image, port, env, resources, gpus, models, pruneModels, List.of());
  }

  /** The keep-alive the stack sets ({@code env.OLLAMA_KEEP_ALIVE}), or {@code null}. */
  public String keepAlive() {
    return env.get(KEEP_ALIVE_ENV);
  }

  public static OllamaSpec defaults() {
    return new OllamaSpec(
        OllamaMode.CONTAINER,
        null,
        null,
        DEFAULT_PORT,
        Map.of(),
        Resources.NONE,
        GpuRequest.ALL,
        List.of(),
        false,
        List.of());
  }

  public OllamaSpec withMode(OllamaMode m, String newUrl) {
    return new OllamaSpec(
        m, newUrl, image, port, env, resources, gpus, models, pruneModels, preload);
  }

  public OllamaSpec withEnv(Map<String, String> e) {
    return new OllamaSpec(mode, url, image, port, e, resources, gpus, models, pruneModels, preload);
  }

  public OllamaSpec withModels(List<String> m, boolean prune) {
    return new OllamaSpec(mode, url, image, port, env, resources, gpus, m, prune, preload);
  }

  public OllamaSpec withPreload(List<String> p) {
    return new OllamaSpec(mode, url, image, port, env, resources, gpus, models, pruneModels, p);
  }
}
