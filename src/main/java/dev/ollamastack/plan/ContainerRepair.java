package dev.ollamastack.plan;

import dev.ollamastack.model.RestartPolicy;
import java.util.List;

/**
 * One step that puts an existing container of ours back as desired without recreating it: what a
 * hand-made change undid ({@code docker rename}, {@code docker network disconnect}, {@code docker
 * pause}, {@code docker update}, a stop). A closed set, run in the order {@link
 * ContainerDrift#repairs} lists them.
 */
public sealed interface ContainerRepair {
  /** For people: {@code reconnect to network x_network (aliases: webui): not on it}. */
  String describe();

  /** Give it back its name: it was renamed, or set aside by an apply that was interrupted. */
  record Rename(String from, String why) implements ContainerRepair {
    public String describe() {
      return "rename " + from + " back (" + why + ")";
    }
  }

  /**
   * Attach it to the stack network again, reachable by {@code aliases}; {@code reattach} first
   * detaches what is there (an endpoint without our aliases, or one on a network that is gone).
   */
  record Connect(String network, List<String> aliases, boolean reattach, String why)
      implements ContainerRepair {
    public Connect {
      aliases = List.copyOf(aliases);
    }

    public String describe() {
      return "reconnect to network " + network + " (" + why + ")";
    }
  }

  /** Set its restart policy back ({@code docker update --restart}): no restart needed. */
  record RestorePolicy(RestartPolicy policy, String why) implements ContainerRepair {
    public String describe() {
      return "restart policy back to " + policy.dockerName() + " (" + why + ")";
    }
  }

  /** Resume it: a paused container holds its port but answers nothing. */
  record Unpause() implements ContainerRepair {
    public String describe() {
      return "unpause (it was paused outside ollama-stack)";
    }
  }

  /** Start it and wait until it is ready. */
  record Start(String why) implements ContainerRepair {
    public String describe() {
      return "start (" + why + ")";
    }
  }

  /** Whether the step leaves the container running, so readiness is waited for after it. */
  default boolean startsIt() {
    return switch (this) {
      case Unpause u -> true;
      case Start s -> true;
      case Rename r -> false;
      case Connect c -> false;
      case RestorePolicy p -> false;
    };
  }
}
