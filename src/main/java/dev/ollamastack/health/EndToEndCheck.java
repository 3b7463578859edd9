package dev.ollamastack.health;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The verdict of one end-to-end check: does the stack work across its services, beyond each service
 * answering its own readiness probe. Shown by {@code status} and {@code check}, and run as {@code
 * apply}'s last gate (docs/end-to-end.md).
 *
 * @param name {@code webui-ollama}, {@code mcp-tools} or {@code gpu-use}
 * @param detail what was found, one line
 * @param hint what to do about it, or {@code null} when nothing is needed
 */
public record EndToEndCheck(String name, Verdict status, String detail, String hint) {
  /** Open WebUI reaches Ollama and lists its models. */
  public static final String WEBUI_OLLAMA = "webui-ollama";

  /** mcp-proxy serves the tools of every enabled extension. */
  public static final String MCP_TOOLS = "mcp-tools";

  /** On a GPU platform, Ollama runs on the GPU. */
  public static final String GPU_USE = "gpu-use";

  /** Only {@link #FAIL} fails {@code apply} and {@code check} (exit 1); a warning never does. */
  public enum Verdict {
    PASS,
    WARN,
    FAIL,
    SKIP;

    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static EndToEndCheck pass(String name, String detail) {
    return new EndToEndCheck(name, Verdict.PASS, detail, null);
  }

  public static EndToEndCheck warn(String name, String detail, String hint) {
    return new EndToEndCheck(name, Verdict.WARN, detail, hint);
  }

  public static EndToEndCheck fail(String name, String detail, String hint) {
    return new EndToEndCheck(name, Verdict.FAIL, detail, hint);
  }

  public static EndToEndCheck skip(String name, String detail, String hint) {
    return new EndToEndCheck(name, Verdict.SKIP, detail, hint);
  }

  public boolean failed() {
    return status == Verdict.FAIL;
  }
}
