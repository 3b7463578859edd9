package dev.ollamastack.app.status;

import dev.ollamastack.health.EndToEndCheck;
import java.util.ArrayList;
import java.util.List;

/** What to run next when something is off: one line per kind of trouble, most useful first. */
final class NextSteps {
  private NextSteps() {}

  static List<String> of(List<ServiceStatus> rows) {
    return of(rows, List.of());
  }

  static List<String> of(List<ServiceStatus> rows, List<EndToEndCheck> checks) {
    List<String> steps = new ArrayList<>();
    if (rows.stream().anyMatch(r -> !r.drift().inSync())) {
      steps.add("run 'ollama-stack apply' to converge (see 'ollama-stack plan' first)");
    }
    List<String> failing =
        rows.stream()
            .filter(r -> r.health() == ServiceHealth.UNHEALTHY || r.state() == ServiceState.EXITED)
            .map(ServiceStatus::service)
            .toList();
    for (String s : failing) {
      steps.add("run 'ollama-stack logs " + s + "' to see why " + s + " is not healthy");
    }
    for (EndToEndCheck c : checks) {
      if (c.failed()) {
        steps.add(c.name() + " failed: " + (c.hint() != null ? c.hint() : c.detail()));
      }
    }
    if (rows.stream().anyMatch(r -> r.health() == ServiceHealth.STARTING)) {
      steps.add("services are starting: wait, or follow with 'ollama-stack status --watch'");
    }
    return steps;
  }
}
