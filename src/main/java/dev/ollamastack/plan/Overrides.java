package dev.ollamastack.plan;

import java.util.Set;

/**
 * One-apply changes to the desired running state, from {@code start}/{@code stop}/{@code restart}
 * and {@code extensions start|stop|restart}: the stack file is not changed.
 *
 * @param stop services whose containers are removed (volumes and network kept)
 * @param restart services whose containers are recreated even when unchanged
 * @param leaveAlone services not to touch at all (a {@code start} of other services)
 * @param stopExtensions extensions served as if they were not enabled (an {@code extensions stop}):
 *     mcp-proxy serves the others, their containers are removed, their volumes kept
 */
public record Overrides(
    Set<String> stop, Set<String> restart, Set<String> leaveAlone, Set<String> stopExtensions) {
  public static final Overrides NONE = new Overrides(Set.of(), Set.of(), Set.of(), Set.of());

  public Overrides {
    stop = Set.copyOf(stop);
    restart = Set.copyOf(restart);
    leaveAlone = Set.copyOf(leaveAlone);
    stopExtensions = Set.copyOf(stopExtensions);
  }

  public Overrides(Set<String> stop, Set<String> restart, Set<String> leaveAlone) {
    this(stop, restart, leaveAlone, Set.of());
  }

  public Overrides(Set<String> stop, Set<String> restart) {
    this(stop, restart, Set.of(), Set.of());
  }
}
