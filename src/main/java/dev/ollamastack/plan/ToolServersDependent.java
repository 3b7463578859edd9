package dev.ollamastack.plan;

import dev.ollamastack.extensions.ToolServerConnections;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ObservedToolServers;
import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.ToolServerList;
import java.util.List;
import java.util.Optional;

/**
 * The tool servers Open WebUI lists. It reads {@code TOOL_SERVER_CONNECTIONS} only at its first
 * start, so a fresh installation needs nothing more; afterwards, with an admin key, what Open WebUI
 * holds (read through its admin API when observed) is compared with ours and updated there. Without
 * a key nothing can be checked or changed: the plan says what to do instead.
 */
record ToolServersDependent(ToolServerList desired, List<ResourceKey> dependsOn)
    implements Dependent {

  ToolServersDependent {
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public ResourceKey key() {
    return ResourceKey.toolServers(desired.webui());
  }

  @Override
  public Match match(ObservedState observed) {
    if (firstStart(observed) || !desired.reachable()) {
      return Match.IN_SYNC;
    }
    ObservedToolServers held = observed.toolServers();
    if (held == null) {
      return new Match.Changed(
          List.of("Open WebUI keeps the list it stored at its first start: checked once it runs"));
    }
    if (held.connections() == null) {
      return new Match.Changed(
          List.of("Open WebUI's list could not be read (" + held.unreadable() + ")"));
    }
    List<String> changes =
        ToolServerConnections.changes(
            held.connections(), desired.connections(), desired.urlPrefix());
    return changes.isEmpty() ? Match.IN_SYNC : new Match.Changed(changes);
  }

  /** A webui that does not exist yet on a data volume that does not either: it reads the env. */
  private boolean firstStart(ObservedState observed) {
    return webui(observed).isEmpty()
        && observed.volumes().stream().noneMatch(v -> v.name().equals(desired.dataVolume()));
  }

  private Optional<ObservedContainer> webui(ObservedState observed) {
    return observed.containers().stream().filter(c -> c.name().equals(desired.webui())).findFirst();
  }

  @Override
  public Optional<Action> converge(Match match, ObservedState observed, List<ResourceKey> deps) {
    return match instanceof Match.Changed c
        ? Optional.of(new Action.UpdateToolServers(desired, c.reasons(), deps))
        : Optional.empty();
  }

  /** Without a usable admin key: whether Open WebUI may lack the current list, and what to do. */
  @Override
  public List<String> notes(ObservedState observed) {
    if (desired.reachable() || firstStart(observed)) {
      return List.of();
    }
    if (desired.adminKey() != null) {
      return List.of(
          "Open WebUI's tool servers cannot be checked: services.webui.port is not published, so"
              + " the tool cannot reach its admin API");
    }
    String want = ToolServerConnections.digest(desired.connections());
    boolean differs =
        webui(observed)
            .map(c -> c.labels().getOrDefault(Labels.TOOL_SERVERS, NONE))
            .map(held -> !held.equals(want))
            // created anew on its existing data volume: it keeps the list stored there
            .orElse(!ToolServerConnections.ours(desired.connections(), "").isEmpty());
    return differs ? List.of(instructions()) : List.of();
  }

  private static final String NONE = ToolServerConnections.digest("[]");

  private String instructions() {
    List<String> urls =
        List.copyOf(
            ToolServerConnections.ours(desired.connections(), desired.urlPrefix()).keySet());
    String list = urls.isEmpty() ? "none of ours" : String.join(", ", urls);
    return "Open WebUI reads its tool servers only at its first start and has not been told the"
        + " current ones: in Admin Panel → Settings → External Tools, list "
        + list
        + " (auth Bearer, key: MCPO_API_KEY from the secrets file); or store an Open WebUI"
        + " admin's API key with `ollama-stack secrets set "
        + Secrets.WEBUI_ADMIN_API_KEY
        + "` (value on standard input), and apply updates the list itself";
  }
}
