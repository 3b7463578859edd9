package dev.ollamastack.app.logs;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.LogOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Follows the logs of a selection of services. A background poller lists the installation's
 * containers every {@code poll}: a service whose container was recreated (new id) or created since
 * is attached from its first line, so {@code logs -f} survives an {@code apply}. Closing stops
 * every stream and the poller.
 */
public final class LogFollower implements AutoCloseable {
  private final DockerEngine engine;
  private final LogSelection selection;
  private final LogOptions options;
  private final Consumer<ServiceLine> sink;
  private final Duration poll;
  private final BiFunction<DockerEngine, LogSelection, Map<String, List<LogTarget>>> lister;
  private final Map<String, AutoCloseable> streams = new HashMap<>();
  private volatile boolean closed;
  private Thread poller;

  LogFollower(
      DockerEngine engine,
      LogSelection selection,
      LogOptions options,
      Consumer<ServiceLine> sink,
      Duration poll,
      BiFunction<DockerEngine, LogSelection, Map<String, List<LogTarget>>> lister) {
    this.engine = engine;
    this.selection = selection;
    this.options = options;
    this.sink = sink;
    this.poll = poll;
    this.lister = lister;
  }

  void start() {
    selection.targets().forEach(t -> attach(t, options));
    poller = Thread.ofVirtual().name("logs-poller").start(this::pollLoop);
  }

  /** Container ids followed now. */
  public synchronized java.util.Set<String> following() {
    return java.util.Set.copyOf(streams.keySet());
  }

  private void pollLoop() {
    while (!closed) {
      try {
        Thread.sleep(poll.toMillis());
        // A recreated container is new: all its lines are news, whatever --tail said.
        LogOptions fresh = new LogOptions(true, null, options.since(), options.until());
        for (List<LogTarget> ts : lister.apply(engine, selection).values()) {
          for (LogTarget t : ts) {
            if (!isFollowed(t.containerId())) {
              attach(t, fresh);
            }
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // Docker restarting or a container vanishing between list and attach: retry next poll
      }
    }
  }

  private synchronized boolean isFollowed(String id) {
    return streams.containsKey(id);
  }

  private synchronized void attach(LogTarget t, LogOptions o) {
    if (closed || streams.containsKey(t.containerId())) {
      return;
    }
    AutoCloseable h =
        engine.streamLogs(
            t.containerId(),
            new LogOptions(true, o.tail(), o.since(), o.until()),
            l -> sink.accept(new ServiceLine(t.service(), l)));
    streams.put(t.containerId(), h);
  }

  @Override
  public void close() {
    closed = true;
    if (poller != null) {
      poller.interrupt();
    }
    synchronized (this) {
      for (AutoCloseable h : streams.values()) {
        try {
          h.close();
        } catch (Exception e) {
          // closing a stream of a removed container: nothing left to stop
        }
      }
      streams.clear();
    }
  }
}
