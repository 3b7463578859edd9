package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.exception.DockerException;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.EngineUnavailableException;
import dev.ollamastack.engine.NotAnEngineException;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Translates whatever docker-java throws into the port's two exceptions, so nothing of docker-java
 * leaks past this package: transport failures (socket missing, refused, timed out) mean the daemon
 * is unavailable; an HTTP status from the daemon means it refused the operation.
 */
final class Failures {
  private final DockerEndpoint endpoint;

  Failures(DockerEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw translate(what, e);
    }
  }

  void run(String what, Runnable action) {
    call(
        what,
        () -> {
          action.run();
          return null;
        });
  }

  RuntimeException translate(String what, Throwable e) {
    if (e instanceof EngineException || e instanceof EngineUnavailableException) {
      return (RuntimeException) e;
    }
    if (e instanceof DockerException d) {
      return new EngineException(what + ": " + daemonMessage(d), d.getHttpStatus(), d);
    }
    if (hasIoCause(e)) {
      return new EngineUnavailableException(endpoint.host(), endpoint.context(), e);
    }
    return new EngineException(what + ": " + e.getMessage(), 0, e);
  }

  /**
   * A failure of the first call (ping, info): a daemon's refusal carries Docker's JSON error; any
   * other answer (an HTML page, JSON that is not Docker's, a protocol that is not HTTP) means
   * something else listens there.
   */
  RuntimeException identify(String what, RuntimeException e) {
    if (e instanceof DockerException d && !daemonBody(d)) {
      String body = d.getMessage() == null ? "" : d.getMessage();
      boolean html = body.contains("<html") || body.contains("<HTML") || body.contains("<!DOCTYPE");
      return new NotAnEngineException(
          endpoint.host(),
          endpoint.context(),
          "HTTP " + d.getHttpStatus() + (html ? " with an HTML page" : ""));
    }
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String name = c.getClass().getName();
      if (name.contains("jackson")) {
        return new NotAnEngineException(
            endpoint.host(), endpoint.context(), "its answers are not Docker's JSON");
      }
      if (name.endsWith("ProtocolException") || name.endsWith(".HttpException")) {
        return new NotAnEngineException(endpoint.host(), endpoint.context(), "not HTTP");
      }
    }
    return translate(what, e);
  }

  /** Whether the daemon's own error body ({@code {"message":"..."}}) is in the exception. */
  private static boolean daemonBody(DockerException d) {
    String m = d.getMessage() == null ? "" : d.getMessage();
    return m.contains("\"message\"") || d.getHttpStatus() == 304;
  }

  /** Blocks in docker-java's callbacks; an interrupt becomes a failure with the flag restored. */
  EngineException interrupted(String what, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new EngineException(what + ": interrupted", 0, e);
  }

  private static boolean hasIoCause(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  // docker-java puts "Status 409: {"message":"..."}" in the message; keep the daemon's words.
  private static String daemonMessage(DockerException d) {
    String m = d.getMessage() == null ? "" : d.getMessage().trim();
    int i = m.indexOf("\"message\":\"");
    if (i >= 0) {
      int start = i + "\"message\":\"".length();
      int end = start;
      while (end < m.length() && (m.charAt(end) != '"' || m.charAt(end - 1) == '\\')) {
        end++;
      }
      return end > start ? m.substring(start, end).replace("\\\"", "\"") : m;
    }
    return m;
  }
}
