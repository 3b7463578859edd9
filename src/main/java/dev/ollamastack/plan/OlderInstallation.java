package dev.ollamastack.plan;

import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedState;
import java.util.List;
import java.util.Optional;

/**
 * Containers of the older Python {@code ollama-stack}: they carry our installation and component
 * labels but no {@code ollama-stack.managed-by}, and mount the volumes our stack of the same name
 * would. Planning our containers beside them would put two Open WebUIs on one SQLite database and
 * two Ollamas on one model store, so such a plan is blocked and points at {@code migrate}.
 */
public final class OlderInstallation {
  /** How every such blocker starts: {@link #hint} recognises it. */
  public static final String BLOCKER = "an installation of the older ollama-stack (Python CLI)";

  private OlderInstallation() {}

  /** Whether a container of ours by label was made by the older CLI. */
  public static boolean madeByOlderCli(ObservedContainer c) {
    return !Labels.MANAGED_BY_VALUE.equals(c.labels().get(Labels.MANAGED_BY));
  }

  static List<ObservedContainer> containers(ObservedState observed) {
    return observed.containers().stream().filter(OlderInstallation::madeByOlderCli).toList();
  }

  static Optional<String> blocker(String installation, ObservedState observed) {
    List<String> names =
        containers(observed).stream().map(ObservedContainer::name).sorted().toList();
    if (names.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        BLOCKER
            + " named \""
            + installation
            + "\" is here (containers "
            + String.join(", ", names)
            + ") and uses this installation's volumes");
  }

  /** What to do about a plan's first blocker. */
  public static String hint(String blocker) {
    return blocker.startsWith(BLOCKER)
        ? "run 'ollama-stack migrate' to adopt it: it keeps the volumes and WEBUI_SECRET_KEY, stops"
            + " its containers and replaces them with this tool's"
        : "remove or rename that container (docker rm), or choose another metadata.name";
  }
}
