package dev.ollamastack.config;

import dev.ollamastack.config.SourceMap.Location;
import dev.ollamastack.model.StackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Environment variables a stack file may not set, because they would break the stack without a
 * word: the tool sets them itself ({@code plan.ServiceRenderer} overwrites them), or the published
 * port, the health check or the data volume rely on the image's value. Names match exactly, as they
 * do on Linux.
 */
final class ReservedEnv {
  private static final String OLLAMA = "spec.services.ollama.env";
  private static final String WEBUI = "spec.services.webui.env";
  private static final String MCPO = "spec.services.mcpProxy.env";

  private static final String OLLAMA_LISTEN =
      "cannot be changed: Ollama must listen on 0.0.0.0:11434 in its container, where the port is"
          + " published and the health check ('ollama list') connects;"
          + " use spec.services.ollama.port for the host port";
  private static final String OLLAMA_MODELS =
      "cannot be changed: models must stay in the volume mounted at /root/.ollama, or they are"
          + " lost when the container is recreated and missed by backups; remove it";
  private static final String WEBUI_LISTEN =
      "cannot be changed: Open WebUI must listen on 0.0.0.0:8080 in its container, where"
          + " ollama-stack publishes the port; use spec.services.webui.port for the host port";
  private static final String WEBUI_DATA =
      "cannot be changed: the data volume is mounted at /app/backend/data, so another DATA_DIR"
          + " keeps chats and users in the container, lost when it is recreated; remove it";
  private static final String OLLAMA_URL =
      "ollama-stack points Open WebUI at Ollama itself, from spec.services.ollama; remove it and"
          + " set spec.services.ollama.mode/url (native or external Ollama)";

  /** Each service's refused keys, each with what is wrong and what to do instead. */
  private static Map<String, Map<String, String>> rules(String secretsFile) {
    String secret =
        "a secret does not belong in the stack file: ollama-stack generates it and keeps it in "
            + secretsFile
            + "; remove it here (to use your own value, put it in that file)";
    return Map.of(
        OLLAMA,
        Map.of("OLLAMA_HOST", OLLAMA_LISTEN, "OLLAMA_MODELS", OLLAMA_MODELS),
        WEBUI,
        Map.of(
            "PORT",
            WEBUI_LISTEN,
            "HOST",
            WEBUI_LISTEN,
            "DATA_DIR",
            WEBUI_DATA,
            "OLLAMA_BASE_URL",
            OLLAMA_URL,
            "OLLAMA_BASE_URLS",
            OLLAMA_URL,
            SecretStore.WEBUI_SECRET_KEY,
            secret,
            "TOOL_SERVER_CONNECTIONS",
            "cannot be set: ollama-stack lists one tool server per enabled extension (with mcpo's"
                + " key); add tool servers of your own in Open WebUI's Admin Panel"),
        MCPO,
        Map.of(SecretStore.MCPO_API_KEY, secret));
  }

  private ReservedEnv() {}

  /**
   * @param stateHome {@code $OLLAMA_STACK_HOME} as the user set it, or {@code null} for the
   *     default; named in the message about secrets
   */
  static List<Problem> problems(StackSpec spec, String file, SourceMap sources, String stateHome) {
    String home = stateHome == null || stateHome.isBlank() ? "~/.ollama-stack" : stateHome;
    var rules = rules(home + "/" + spec.name() + "/secrets.env");
    Map<String, Map<String, String>> envs =
        Map.of(OLLAMA, spec.ollama().env(), WEBUI, spec.webui().env(), MCPO, spec.mcpProxy().env());
    List<Problem> problems = new ArrayList<>();
    envs.forEach(
        (prefix, env) -> {
          Map<String, String> refused = rules.get(prefix);
          for (String key : env.keySet()) {
            if (refused.containsKey(key)) {
              String path = DottedPath.child(prefix, key);
              Location at = sources.key(path);
              problems.add(new Problem(file, at.line(), at.column(), path, refused.get(key)));
            }
          }
        });
    return problems;
  }
}
