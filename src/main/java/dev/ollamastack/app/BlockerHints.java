package dev.ollamastack.app;

import dev.ollamastack.plan.OlderInstallation;
import java.util.List;

/** What to tell a user whose apply is blocked by something the tool must not touch. */
final class BlockerHints {
  private BlockerHints() {}

  static String more(List<String> blockers) {
    return blockers.size() > 1 ? " (and " + (blockers.size() - 1) + " more, listed above)" : "";
  }

  static String hint(List<String> blockers) {
    String first = blockers.get(0);
    if (first.startsWith(OlderInstallation.BLOCKER)) {
      return OlderInstallation.hint(first);
    }
    if (first.contains("is held by process") || first.contains("is held by another process")) {
      return "stop that process, or set another port for the service in the stack file;"
          + " nothing was changed";
    }
    if (first.startsWith("container name")) {
      return "remove or rename that container (docker rm), or choose another metadata.name;"
          + " ollama-stack never touches containers it does not manage";
    }
    return "stop that container (docker stop NAME): ollama-stack never touches containers it"
        + " does not manage, and two of them on one volume or port would corrupt data or fail";
  }
}
