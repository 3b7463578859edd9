package dev.ollamastack.backup;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an installation of the older Python {@code ollama-stack} is, as far as an equivalent stack
 * file needs to know: from its {@code .env}, its {@code .ollama-stack.json} and, when they exist,
 * its containers (which win: compose may have been run with other values).
 *
 * @param project {@code PROJECT_NAME}: the installation name, label value and volume prefix
 * @param ollamaMode {@code container}, {@code native} (its {@code native-api}, Apple Silicon) or
 *     {@code external} ({@code remote-api})
 * @param ollamaUrl where a native or external Ollama answers, or {@code null}
 * @param images service → image the older containers ran, when known
 * @param ports service → host port the older containers published
 * @param ollamaMemoryBytes, ollamaCpus the ollama container's limits ({@code mem_limit: 16g},
 *     {@code cpus: 8.0} by default), or {@code null}
 * @param webuiEnv the Open WebUI settings worth keeping (embedding model choices); never the secret
 * @param mcpProxy whether the mcp_proxy container ran (it served {@code mcp-server-time})
 * @param timezone the {@code --local-timezone} it gave mcp-server-time, or {@code null}
 */
public record OlderInstallation(
    String project,
    String ollamaMode,
    String ollamaUrl,
    Map<String, String> images,
    Map<String, Integer> ports,
    Long ollamaMemoryBytes,
    Double ollamaCpus,
    Map<String, String> webuiEnv,
    boolean mcpProxy,
    String timezone) {

  /** Open WebUI variables the older compose file set that still mean something. */
  public static final java.util.List<String> KEPT_WEBUI_ENV =
      java.util.List.of("EMBEDDING_MODEL", "USE_EMBEDDING_MODEL_DOCKER", "RAG_EMBEDDING_MODEL");

  public OlderInstallation {
    images = images == null ? Map.of() : new TreeMap<>(images);
    ports = ports == null ? Map.of() : new TreeMap<>(ports);
    webuiEnv = webuiEnv == null ? Map.of() : new TreeMap<>(webuiEnv);
  }

  /** What the older compose file runs when nothing else is known. */
  public static OlderInstallation defaults(String project, String ollamaMode, String ollamaUrl) {
    return new OlderInstallation(
        project,
        ollamaMode,
        ollamaUrl,
        Map.of(),
        Map.of("ollama", 11434, "webui", 8080, "mcp-proxy", 8200),
        16L << 30,
        8.0,
        Map.of(
            "EMBEDDING_MODEL",
            "none",
            "USE_EMBEDDING_MODEL_DOCKER",
            "none",
            "RAG_EMBEDDING_MODEL",
            "none"),
        true,
        "America/Los_Angeles");
  }
}
