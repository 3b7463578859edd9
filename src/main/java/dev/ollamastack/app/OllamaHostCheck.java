package dev.ollamastack.app;

import dev.ollamastack.health.OllamaClient;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.StackSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * At plan time, checks from the host that an Ollama we do not run (native or external) answers. We
 * never start or stop it, so when it is down the user must know before applying. {@code apply}
 * checks again from inside the stack network, where Open WebUI connects from.
 */
final class OllamaHostCheck {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private OllamaHostCheck() {}

  /** A warning when the stack uses a native/external Ollama that does not answer {@code url}. */
  static Optional<String> warning(StackSpec spec, String url) {
    OllamaMode mode = spec.ollama().mode();
    if (mode == OllamaMode.CONTAINER || url == null) {
      return Optional.empty();
    }
    try {
      new OllamaClient(url).version(TIMEOUT);
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      String hint =
          mode == OllamaMode.NATIVE
              ? "start Ollama on this host (ollama serve, or the Ollama app) before apply"
              : "check services.ollama.url and that the server is up";
      return Optional.of(
          "Ollama ("
              + mode.yamlName()
              + ") does not answer at "
              + url
              + ": "
              + e.getMessage()
              + "; "
              + hint);
    }
  }
}
