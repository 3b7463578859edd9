package dev.ollamastack.app;

import dev.ollamastack.app.host.HostProbe;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.StackSpec;
import java.util.Optional;

/**
 * At plan time, checks from the host that an Ollama we do not run (native or external) answers. We
 * never start or stop it, so when it is down the user must know before applying. {@code apply}
 * checks again from inside the stack network, where Open WebUI connects from.
 */
final class OllamaHostCheck {
  private OllamaHostCheck() {}

  /** A warning when the stack uses a native/external Ollama that does not answer {@code url}. */
  static Optional<String> warning(StackSpec spec, String url, HostProbe host) {
    OllamaMode mode = spec.ollama().mode();
    if (mode == OllamaMode.CONTAINER || url == null || host.ollamaVersion(url).isPresent()) {
      return Optional.empty();
    }
    String hint =
        mode == OllamaMode.NATIVE
            ? "start Ollama on this host (ollama serve, or the Ollama app) before apply"
            : "check services.ollama.url and that the server is up";
    return Optional.of("Ollama (" + mode.yamlName() + ") does not answer at " + url + "; " + hint);
  }
}
