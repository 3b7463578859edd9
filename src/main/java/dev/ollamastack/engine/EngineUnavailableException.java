package dev.ollamastack.engine;

/** The Docker daemon cannot be reached at {@link #host()}. Maps to exit code 4. */
public class EngineUnavailableException extends RuntimeException {
  private final String host;
  private final String context;

  public EngineUnavailableException(String host, Throwable cause) {
    this(host, null, cause);
  }

  /** {@code context}: the Docker context that named {@code host}, or {@code null}. */
  public EngineUnavailableException(String host, String context, Throwable cause) {
    super("cannot reach the Docker engine at " + where(host, context), cause);
    this.host = host;
    this.context = context;
  }

  public String host() {
    return host;
  }

  /** The Docker context that named the host, or {@code null}. */
  public String context() {
    return context;
  }

  /** The host, and the context when one chose it, as {@link EngineInfo#where()}. */
  public String where() {
    return where(host, context);
  }

  static String where(String host, String context) {
    return context == null ? host : host + " (context " + context + ")";
  }
}
