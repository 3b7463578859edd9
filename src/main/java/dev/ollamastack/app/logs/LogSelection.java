package dev.ollamastack.app.logs;

import java.util.List;

/**
 * Which containers {@code logs} reads.
 *
 * @param installation the installation's name (its label selects the containers)
 * @param services the services asked for, in order: those with a container and those without
 * @param targets the containers of those services that exist now
 * @param missing services asked for that have no container (not created yet)
 */
public record LogSelection(
    String installation, List<String> services, List<LogTarget> targets, List<String> missing) {
  public LogSelection {
    services = List.copyOf(services);
    targets = List.copyOf(targets);
    missing = List.copyOf(missing);
  }
}
