package dev.ollamastack.app.backup;

import dev.ollamastack.app.PlannedStack;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.health.HttpProbe;
import dev.ollamastack.health.ReadinessWaiter;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ObservedContainer;
import java.time.Duration;

/**
 * Stops Open WebUI so its SQLite database is copied consistent, and starts the same container again
 * (its config and id unchanged, so the next plan has nothing to do) and waits until it answers. The
 * downtime is measured from the stop to the first answer. If the tool dies in between, the
 * container stays stopped and the next {@code apply} starts it.
 */
final class WebuiPause {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final DockerEngine engine;
  private final ObservedContainer webui;
  private final ContainerSpec spec;
  private final Duration readyTimeout;
  private final DataListener listener;
  private long stoppedAt;
  private Duration downtime;
  private String problem;

  WebuiPause(
      DockerEngine engine, PlannedStack planned, Duration readyTimeout, DataListener listener) {
    this.engine = engine;
    String name = Component.WEBUI.containerName(planned.spec().name());
    this.webui =
        planned.observed().containers().stream()
            .filter(c -> c.name().equals(name))
            .findFirst()
            .orElse(null);
    // Probe the container as it runs (its published port), not as the file may say it should.
    this.spec =
        planned.desired().containers().stream()
            .filter(c -> c.name().equals(name))
            .findFirst()
            .map(c -> webui == null ? c : c.toBuilder().ports(webui.ports()).build())
            .orElse(null);
    this.readyTimeout = readyTimeout;
    this.listener = listener;
  }

  void stop() {
    if (webui == null) {
      return;
    }
    listener.step("stopping webui for a consistent copy of its database");
    engine.stopContainer(webui.id(), STOP_TIMEOUT);
    stoppedAt = System.nanoTime();
  }

  /** Starts it again if it was stopped; never throws, the backup is what was asked for. */
  void resume() {
    if (stoppedAt == 0) {
      return;
    }
    listener.step("starting webui");
    try {
      engine.startContainer(webui.id());
      if (spec != null) {
        new ReadinessWaiter(engine, ReadinessWaiter.endpointCheck(new HttpProbe()))
            .await(spec, webui.id(), readyTimeout, listener::step);
      }
    } catch (ReadinessWaiter.NotReadyException | RuntimeException e) {
      problem = e.getMessage();
    }
    downtime = Duration.ofNanos(System.nanoTime() - stoppedAt);
    stoppedAt = 0;
  }

  Duration downtime() {
    return downtime;
  }

  String problem() {
    return problem;
  }
}
