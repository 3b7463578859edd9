package dev.ollamastack.app;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The Docker connection of a command, made on a virtual thread while the stack file loads and is
 * checked: building docker-java's client and asking the engine's info (which the engine adapter
 * starts at once) cost about as much as loading the file, and neither needs the other. Nothing
 * changes in what the user sees: a broken stack file is still reported first (exit 3), and a Docker
 * that is down or a broken context only when {@link #engine()} is asked (exit 4).
 */
public final class EarlyEngine implements AutoCloseable {
  private final FutureTask<DockerEngine> connecting;
  private boolean handedOver;

  private EarlyEngine(FutureTask<DockerEngine> connecting) {
    this.connecting = connecting;
  }

  /** Starts connecting through {@code engines}. */
  public static EarlyEngine connect(EngineFactory engines) {
    FutureTask<DockerEngine> task = new FutureTask<>(engines::connect);
    Thread.ofVirtual().name("docker-connect").start(task);
    return new EarlyEngine(task);
  }

  /** The connected engine, which the caller now owns and closes; the connect's failure if any. */
  public DockerEngine engine() {
    handedOver = true;
    return Futures.await(connecting);
  }

  /** Closes the engine when it was never handed over (the stack file did not load). */
  @Override
  public void close() {
    if (handedOver) {
      return;
    }
    try {
      connecting.get().close(); // connecting reads local files only: this wait is short
    } catch (ExecutionException | RuntimeException e) {
      // it never connected: nothing to close
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
