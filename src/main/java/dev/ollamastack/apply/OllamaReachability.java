package dev.ollamastack.apply;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Checks that Open WebUI reaches an Ollama we do not run (native or external) from where it
 * actually connects: inside its container on the stack network. A URL that answers on the host can
 * still be unreachable from a container (a host Ollama bound to 127.0.0.1, a firewall, a name only
 * the host resolves), which the host-side check of {@code plan} cannot see.
 */
final class OllamaReachability {
  static final String URL_ENV = "OLLAMA_BASE_URL";
  private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(15);
  private static final int ATTEMPTS = 3;
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  /** The result of one check. */
  sealed interface Result {
    record Reachable(String url) implements Result {}

    /** The check could not run (engine without exec, image without curl): not a failure. */
    record Unchecked(String why) implements Result {}

    record Unreachable(String message) implements Result {}
  }

  private final DockerEngine engine;

  OllamaReachability(DockerEngine engine) {
    this.engine = engine;
  }

  /**
   * The Ollama URL to check for a container: webui's, when it does not use our ollama container
   * (whose readiness the plan already waits for).
   */
  static Optional<String> urlToCheck(ContainerSpec spec) {
    String url = spec.env().get(URL_ENV);
    if (spec.component() != Component.WEBUI || url == null || ours(spec, url)) {
      return Optional.empty();
    }
    return Optional.of(url);
  }

  /** The stack's own ollama container: ready when its own action is, no need to check it here. */
  private static boolean ours(ContainerSpec spec, String url) {
    String installation = spec.name().substring(0, spec.name().length() - "-webui".length());
    return url.startsWith("http://" + Component.OLLAMA.containerName(installation) + ":");
  }

  Result check(String containerId, String url) {
    List<String> cmd =
        List.of("curl", "-fsS", "--max-time", "5", "-o", "/dev/null", versionUrl(url));
    String last = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      ExecResult r;
      try {
        r = engine.exec(containerId, cmd, EXEC_TIMEOUT);
      } catch (EngineException e) {
        last = "Docker: " + e.getMessage();
        continue;
      }
      if (r.ok()) {
        return new Result.Reachable(url);
      }
      if (r.exitCode() == 126 || r.exitCode() == 127) {
        return new Result.Unchecked("in-network check skipped: no curl in the webui image");
      }
      last = r.output().isBlank() ? "curl exit code " + r.exitCode() : r.output().strip();
      pause();
    }
    return new Result.Unreachable(
        "Open WebUI cannot reach Ollama at "
            + url
            + " from inside the stack network: "
            + last
            + hint(url));
  }

  private static String versionUrl(String url) {
    return (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/api/version";
  }

  /** The usual cause with a host Ollama on Linux: it listens on 127.0.0.1 only. */
  private static String hint(String url) {
    return url.contains("host.docker.internal")
        ? " (a host Ollama must listen beyond 127.0.0.1: start it with OLLAMA_HOST=0.0.0.0)"
        : "";
  }

  private static void pause() {
    try {
      Thread.sleep(RETRY_PAUSE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
