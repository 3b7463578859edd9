package dev.ollamastack.health;

import dev.ollamastack.model.Platform;
import java.time.Instant;
import java.util.List;

/**
 * What the end-to-end checks look at, taken from one planning pass and what Docker holds: plain
 * values, so the checks need nothing of the stack file. A {@code null} part is not checked (the
 * stack does not run that service, or the check does not apply to its platform).
 */
public record EndToEndTargets(Webui webui, McpProxy mcpProxy, Gpu gpu) {
  public static final EndToEndTargets NONE = new EndToEndTargets(null, null, null);

  /** The same targets without {@code mcpProxy}: {@code status} judges it from its own requests. */
  public EndToEndTargets withoutMcpProxy() {
    return new EndToEndTargets(webui, null, gpu);
  }

  /**
   * Open WebUI and the Ollama it should reach.
   *
   * @param container the webui container's name
   * @param id the running container's id, {@code null} when it does not run
   * @param ollamaUrl the Ollama URL it was given ({@code OLLAMA_BASE_URL}), as seen from inside it
   * @param hostUrl where the tool reaches webui from the host, or {@code null} (no published port)
   * @param adminKey an Open WebUI admin's API key ({@code WEBUI_ADMIN_API_KEY}), or {@code null}
   * @param ollamaFromHost where the tool reaches the same Ollama, or {@code null} when it cannot:
   *     the model list webui should show
   */
  public record Webui(
      String container,
      String id,
      String ollamaUrl,
      String hostUrl,
      String adminKey,
      String ollamaFromHost) {
    @Override
    public String toString() {
      return "Webui[" + container + ", " + ollamaUrl + ", adminKey=(sensitive)]";
    }

    public boolean running() {
      return id != null;
    }
  }

  /**
   * mcpo and the OpenAPI documents of the extensions it serves.
   *
   * @param id the running container's id, {@code null} when it does not run
   * @param hostUrl where the tool reaches mcpo from the host, or {@code null} (no published port):
   *     then it is asked from inside its container
   * @param openApiPaths {@code /<extension>/openapi.json}, one per enabled extension: the same list
   *     its readiness probe asks
   */
  public record McpProxy(String container, String id, String hostUrl, List<String> openApiPaths) {
    public McpProxy {
      openApiPaths = List.copyOf(openApiPaths);
    }

    public boolean running() {
      return id != null;
    }
  }

  /**
   * Ollama on a GPU platform, with what the host says about its GPU plumbing.
   *
   * @param platform {@link Platform#NVIDIA} or {@link Platform#AMD}
   * @param id the running container's id, {@code null} when it does not run
   * @param startedAt the container's last start: its log from there holds GPU discovery
   * @param ollamaUrl where the tool reaches Ollama from the host, or {@code null}
   * @param cdiSpec whether an NVIDIA CDI spec exists on the host ({@code /etc/cdi}, {@code
   *     /var/run/cdi})
   * @param kfd whether the host has {@code /dev/kfd} (AMD's ROCm compute device)
   */
  public record Gpu(
      Platform platform,
      String container,
      String id,
      Instant startedAt,
      String ollamaUrl,
      boolean cdiSpec,
      boolean kfd) {
    public boolean running() {
      return id != null;
    }
  }
}
