package dev.ollamastack.apply;

import dev.ollamastack.extensions.ToolServerConnections;
import dev.ollamastack.health.OpenWebUiAdmin;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.ToolServerList;
import dev.ollamastack.plan.Action;
import java.time.Duration;
import java.util.List;

/**
 * Tells a running Open WebUI the current tool servers through its admin API. A POST replaces the
 * whole list, so the list is read first and only our entries are replaced: servers the user added
 * in Admin Settings stay.
 */
final class ToolServersUpdate {
  /** Open WebUI fetches every server's OpenAPI document before it answers a POST. */
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private ToolServersUpdate() {}

  static Outcome run(Action.UpdateToolServers u) {
    ToolServerList d = u.desired();
    OpenWebUiAdmin admin = new OpenWebUiAdmin(d.webuiUrl(), d.adminKey());
    try {
      String held = admin.toolServers(TIMEOUT);
      List<String> changes = ToolServerConnections.changes(held, d.connections(), d.urlPrefix());
      if (changes.isEmpty()) {
        return new Outcome.Done("already current");
      }
      String stored =
          admin.setToolServers(
              ToolServerConnections.merge(held, d.connections(), d.urlPrefix()), TIMEOUT);
      if (!ToolServerConnections.changes(stored, d.connections(), d.urlPrefix()).isEmpty()) {
        return new Outcome.Failed("Open WebUI answered but did not store the new tool servers");
      }
      return new Outcome.Done("updated (" + String.join(", ", changes) + ")");
    } catch (OpenWebUiAdmin.AdminException e) {
      return new Outcome.Failed(
          "Open WebUI's tool servers: "
              + e.getMessage()
              + (e.refused()
                  ? "; store a current admin API key with `ollama-stack secrets set "
                      + Secrets.WEBUI_ADMIN_API_KEY
                      + "`"
                  : ""));
    }
  }
}
