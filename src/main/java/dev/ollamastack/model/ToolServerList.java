package dev.ollamastack.model;

import java.util.Objects;

/**
 * The tool servers Open WebUI should list: one per extension mcp-proxy serves, none when it serves
 * none. Open WebUI reads {@code TOOL_SERVER_CONNECTIONS} only at its first start (a ConfigVar);
 * afterwards the tool updates the list through Open WebUI's admin API, keeping the entries the user
 * added there.
 *
 * @param webui the webui container's name
 * @param dataVolume its data volume: while that does not exist, the first start reads the variable
 * @param urlPrefix what the URL of every entry of ours starts with ({@code
 *     http://<name>-mcp-proxy:8000/}); entries with other URLs are the user's
 * @param connections our entries, as Open WebUI's JSON array (holds mcpo's key: sensitive)
 * @param webuiUrl where the tool reaches Open WebUI from the host, or {@code null} when its port is
 *     not published
 * @param adminKey an Open WebUI admin's API key from the secrets file, or {@code null}
 */
public record ToolServerList(
    String webui,
    String dataVolume,
    String urlPrefix,
    String connections,
    String webuiUrl,
    String adminKey) {

  public ToolServerList {
    Objects.requireNonNull(webui, "webui");
    Objects.requireNonNull(urlPrefix, "urlPrefix");
    Objects.requireNonNull(connections, "connections");
  }

  /** Whether the tool can read and update the list through the admin API. */
  public boolean reachable() {
    return webuiUrl != null && adminKey != null;
  }

  @Override
  public String toString() {
    return "ToolServerList[webui=" + webui + ", connections=(sensitive)]";
  }
}
