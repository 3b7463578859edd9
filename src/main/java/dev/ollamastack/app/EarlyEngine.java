package dev.ollamastack.app;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineFactory;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link EngineFactory} that starts its first connection at once, on a virtual thread: for a
 * command that talks to Docker, {@code Main} makes it before picocli builds the command's model and
 * the stack file is loaded and checked. Building docker-java's client and asking the engine's info
 * (which the adapter starts as soon as it is connected) cost about as much as those, and neither
 * needs the other. The first {@link #connect()} hands that connection over; later ones connect as
 * usual. Nothing changes in what a user sees: the command still connects only after the stack file
 * loaded (a broken file is exit 3 first), and a Docker that is down or a broken context is reported
 * when it does (exit 4).
 */
public final class EarlyEngine implements EngineFactory {
  private final EngineFactory engines;
  private final FutureTask<DockerEngine> first;
  private final AtomicBoolean handedOver = new AtomicBoolean();

  private EarlyEngine(EngineFactory engines) {
    this.engines = engines;
    this.first = new FutureTask<>(engines::connect);
  }

  /** Starts connecting through {@code engines} now. */
  public static EarlyEngine start(EngineFactory engines) {
    EarlyEngine e = new EarlyEngine(engines);
    Thread.ofVirtual().name("docker-connect").start(e.first);
    return e;
  }

  /** The connection started early the first time (its failure, if it failed), then new ones. */
  @Override
  public DockerEngine connect() {
    if (handedOver.compareAndSet(false, true)) {
      return Futures.await(first);
    }
    return engines.connect();
  }
}
