package dev.ollamastack.model;

/**
 * Open WebUI's list of tool servers as its admin API returned it, or why it could not be read.
 *
 * @param connections the whole {@code TOOL_SERVER_CONNECTIONS} JSON array, or {@code null}
 * @param unreadable why the list could not be read ({@code HTTP 401}, a connection error), or
 *     {@code null}
 */
public record ObservedToolServers(String connections, String unreadable) {
  public static ObservedToolServers read(String connections) {
    return new ObservedToolServers(connections, null);
  }

  public static ObservedToolServers unreadable(String why) {
    return new ObservedToolServers(null, why);
  }

  @Override
  public String toString() {
    return connections != null
        ? "ObservedToolServers[(sensitive)]"
        : "ObservedToolServers[" + unreadable + "]";
  }
}
