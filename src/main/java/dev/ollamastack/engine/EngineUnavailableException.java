package dev.ollamastack.engine;

/** The Docker daemon cannot be reached at {@link #host()}. Maps to exit code 4. */
public class EngineUnavailableException extends RuntimeException {
  private final String host;

  public EngineUnavailableException(String host, Throwable cause) {
    super("cannot reach the Docker engine at " + host, cause);
    this.host = host;
  }

  public String host() {
    return host;
  }
}
