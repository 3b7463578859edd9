package dev.ollamastack.plan;

import java.util.List;

/**
 * How what exists differs from what is desired, for one resource: the result of a dependent's
 * {@code match}. {@code plan} turns it into an action, {@code diff} into lines, {@code status} into
 * drift, so the three never disagree.
 */
public sealed interface Match {
  /** Exists as desired. */
  record InSync() implements Match {}

  /** Desired, does not exist. */
  record Missing() implements Match {}

  /** Exists, differs from the desired form: recreated, for these reasons. */
  record Changed(List<String> reasons) implements Match {
    public Changed {
      reasons = List.copyOf(reasons);
    }
  }

  /** Exists as desired but does not run. */
  record NotRunning(String why) implements Match {}

  /**
   * Exists with the desired configuration, but a hand-made change undid part of it (renamed,
   * detached from the network, paused, another restart policy): repaired in place, in order.
   */
  record Drifted(List<ContainerRepair> repairs) implements Match {
    public Drifted {
      repairs = List.copyOf(repairs);
    }
  }

  /** Exists but must not (a stop requested for this apply). */
  record Unwanted(String why) implements Match {}

  Match IN_SYNC = new InSync();
  Match MISSING = new Missing();

  /**
   * Whether converging (re)starts a container: what it held in memory (Ollama's loaded models) is
   * gone afterwards. A repair restarts it only when one of its steps starts it.
   */
  default boolean restarts() {
    return switch (this) {
      case Missing m -> true;
      case Changed c -> true;
      case NotRunning n -> true;
      case Drifted d -> d.repairs().stream().anyMatch(ContainerRepair::startsIt);
      case InSync s -> false;
      case Unwanted u -> false;
    };
  }

  /** Whether converging brings the resource up (create, recreate, start). */
  default boolean bringsUp() {
    return switch (this) {
      case Missing m -> true;
      case Changed c -> true;
      case NotRunning n -> true;
      case Drifted d -> true;
      case InSync s -> false;
      case Unwanted u -> false;
    };
  }
}
