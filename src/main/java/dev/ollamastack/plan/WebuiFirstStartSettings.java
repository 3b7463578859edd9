package dev.ollamastack.plan;

import java.util.List;
import java.util.Set;

/**
 * Open WebUI settings read from the environment only at its first start: afterwards the value
 * stored in {@code webui.db} wins (its "ConfigVar" settings; {@code OLLAMA_BASE_URL} too, since it
 * only seeds {@code OLLAMA_BASE_URLS}). A plan that changes one must say the change will not take
 * effect, or users are left wondering why the stack does not follow the file.
 */
final class WebuiFirstStartSettings {
  static final Set<String> KEYS =
      Set.of(
          "OLLAMA_BASE_URL",
          "OLLAMA_BASE_URLS",
          "ENABLE_OLLAMA_API",
          "OLLAMA_API_CONFIGS",
          "OPENAI_API_BASE_URL",
          "OPENAI_API_BASE_URLS",
          "OPENAI_API_KEY",
          "OPENAI_API_KEYS",
          "ENABLE_OPENAI_API",
          "TOOL_SERVER_CONNECTIONS",
          "ENABLE_SIGNUP",
          "DEFAULT_USER_ROLE",
          "DEFAULT_MODELS",
          "WEBUI_URL",
          "ENABLE_LOGIN_FORM",
          "ENABLE_API_KEYS",
          "JWT_EXPIRES_IN",
          "ENABLE_DIRECT_CONNECTIONS",
          "RAG_EMBEDDING_MODEL",
          "ENABLE_WEB_SEARCH",
          "TASK_MODEL");

  static final String NOTE =
      " (Open WebUI keeps the value stored at its first start: change it in Admin Settings,"
          + " or set ENABLE_PERSISTENT_CONFIG=false)";

  private WebuiFirstStartSettings() {}

  /** The reasons with a note on each env change Open WebUI will ignore. */
  static List<String> annotate(List<String> reasons) {
    return reasons.stream().map(r -> ignored(r) ? r + NOTE : r).toList();
  }

  private static boolean ignored(String reason) {
    if (!reason.startsWith("env ")) {
      return false;
    }
    int colon = reason.indexOf(':');
    return colon > 4 && KEYS.contains(reason.substring(4, colon));
  }
}
