package dev.ollamastack.app;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work run in parallel, with its own exception surfacing as it was thrown. */
public final class Futures {
  private Futures() {}

  /** The result; a {@link RuntimeException} of the task (e.g. Docker unreachable) is rethrown. */
  public static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
