package dev.ollamastack.engine;

/**
 * Something answers where the Docker engine should be, but it is not one (a web server, another
 * service on that port). Exit 4, like an engine that is down; the message says what answered, never
 * what it sent (an HTML page is no error message).
 */
public final class NotAnEngineException extends EngineUnavailableException {
  private final String what;

  /** {@code what}: what answered, e.g. {@code HTTP 404 with an HTML page}. */
  public NotAnEngineException(String host, String context, String what) {
    super(host, context, null);
    this.what = what;
  }

  @Override
  public String getMessage() {
    return "no Docker engine at "
        + where()
        + ": something answers there ("
        + what
        + "), but not the Docker Engine API";
  }
}
