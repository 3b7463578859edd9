package dev.ollamastack.config;

import dev.ollamastack.model.Platform;

/**
 * The commented {@code ollama-stack.yaml} that {@code init} writes: a working stack for one
 * platform that also teaches the main fields. The first line points editors at the schema.
 */
public final class StarterFile {
  /** Where editors fetch the schema when no local copy sits beside the file. */
  public static final String SCHEMA_URL =
      "https://raw.githubusercontent.com/ollama-stack/ollama-stack/main/schemas/ollama-stack.schema.json";

  /** The schema reference used when {@code ./schemas/ollama-stack.schema.json} exists. */
  public static final String LOCAL_SCHEMA = "./schemas/ollama-stack.schema.json";

  private static final String TEMPLATE =
      """
      # yaml-language-server: $schema=%s
      #
      # The desired state of your local LLM stack, written by 'ollama-stack init'.
      #   ollama-stack validate   check this file
      #   ollama-stack plan       show what would change
      #   ollama-stack apply      make it so
      # Every field has a default: delete what you do not need. No secrets here: they are
      # generated into ~/.ollama-stack/%s/secrets.env.
      apiVersion: ollama-stack/v1
      kind: Stack
      metadata:
        name: %s                # prefix of every Docker resource: <name>-ollama, <name>_network, ...
      spec:
        platform: %s            # auto | cpu | nvidia | amd | apple
        expose: localhost       # localhost: this machine only | lan: every network interface
        services:
          ollama:
      %s
            env:
              OLLAMA_KEEP_ALIVE: 24h    # how long a model stays loaded after its last use
            models:                     # pulled through Ollama once it is healthy
              - llama3.2:1b
            pruneModels: false          # true: models not listed here are removed
            # preload: [llama3.2:1b]    # kept loaded in memory, also after every Ollama restart
          webui:
            enabled: true
            port: 8080                  # Open WebUI at http://localhost:8080
          mcpProxy:
            enabled: true
            port: 8200                  # mcpo: serves the extensions as tool servers
        extensions:
          enabled: [time]               # built-in: time, fetch, memory; or a directory under paths
          paths: [./extensions]
        backup:
          directory: ./backups
          keep: 7                       # older backups are pruned after a successful one
      """;

  private StarterFile() {}

  /** The starter file for {@code platform}, naming the installation {@code name}. */
  public static String render(Platform platform, String name, String schemaRef) {
    return TEMPLATE.formatted(schemaRef, name, name, platform.yamlName(), ollama(platform));
  }

  private static String ollama(Platform platform) {
    String lines =
        switch (platform) {
          case NVIDIA ->
              """
              mode: container
              port: 11434                 # host port; null: not published
              gpus: all                   # all | <count> | [GPU-uuid, ...] (nvidia-smi -L)
              # resources: {memory: 16g, cpus: 4}""";
          case AMD ->
              """
              mode: container
              image: ollama/ollama:rocm   # the ROCm build (the default on amd)
              port: 11434                 # host port; null: not published
              # resources: {memory: 16g, cpus: 4}""";
          case APPLE ->
              """
              # Docker on macOS cannot use the GPU: run Ollama natively ('brew install ollama',
              # then 'ollama serve') and let the containers reach it.
              mode: native
              url: http://host.docker.internal:11434""";
          case CPU, AUTO ->
              """
              mode: container             # container | native (host Ollama) | external (url)
              port: 11434                 # host port; null: not published
              # resources: {memory: 16g, cpus: 4}""";
        };
    return lines.indent(6).stripTrailing();
  }
}
