package dev.ollamastack.health;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.model.ContainerHealth;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.PortBinding;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Waits until a started container serves: its HTTP endpoint on the published port answers 2xx (TCP
 * when it has no HTTP probe); with no published port, Docker's health status. Watches the container
 * meanwhile: one that exits or keeps restarting fails at once, with its last log lines.
 */
public final class ReadinessWaiter {
  // A service that starts in milliseconds (a restart, a small image) is seen at once; one that
  // takes a minute (Open WebUI's first migrations) is asked a few times a second, not twenty.
  private static final long FIRST_POLL_MS = 10;
  private static final long LAST_POLL_MS = 250;
  private static final int LOG_LINES = 15;
  private static final long REPORT_EVERY_SECONDS = 5;

  private final DockerEngine engine;
  private final ReadyCheck check;

  /** Whether a running container serves. */
  @FunctionalInterface
  public interface ReadyCheck {
    boolean ready(ContainerSpec spec, ObservedContainer container);
  }

  public ReadinessWaiter(DockerEngine engine, ReadyCheck check) {
    this.engine = engine;
    this.check = check;
  }

  /** The default check: HTTP (else TCP) on the published port, else Docker's health status. */
  public static ReadyCheck endpointCheck(HttpProbe probe) {
    return (spec, c) -> {
      if (spec.ports().isEmpty()) {
        return spec.healthCheck() == null || c.health() == ContainerHealth.HEALTHY;
      }
      PortBinding p = spec.ports().get(0);
      String host = "0.0.0.0".equals(p.hostIp()) ? "127.0.0.1" : p.hostIp();
      if (spec.probe() != null && !spec.probe().openApiSpecs().isEmpty()) {
        // every server must list tools: mcpo's /docs answers even when all of them failed
        OpenApiTools tools = new OpenApiTools(probe);
        return spec.probe().openApiSpecs().stream()
            .allMatch(
                path ->
                    tools
                            .count(
                                "http://" + host + ":" + p.hostPort() + path, Duration.ofSeconds(2))
                            .orElse(0)
                        > 0);
      }
      if (spec.probe() != null && spec.probe().httpPath() != null) {
        return probe.httpOk(
            "http://" + host + ":" + p.hostPort() + spec.probe().httpPath(), Duration.ofSeconds(2));
      }
      return HttpProbe.tcpOpen(host, p.hostPort(), Duration.ofSeconds(1));
    };
  }

  /** Thrown when the container will not become ready; the message says why. */
  public static final class NotReadyException extends Exception {
    public NotReadyException(String message) {
      super(message);
    }
  }

  public void await(ContainerSpec spec, String id, Duration timeout, Consumer<String> status)
      throws NotReadyException {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    long nextReport = REPORT_EVERY_SECONDS;
    int initialRestarts = -1;
    status.accept("waiting for " + spec.service() + " to be ready");
    while (true) {
      ObservedContainer c =
          engine
              .inspectContainer(id)
              .orElseThrow(
                  () -> new NotReadyException("container " + spec.name() + " disappeared"));
      if (initialRestarts < 0) {
        initialRestarts = c.restartCount();
      }
      if (c.state().ended()) {
        throw failure(spec, id, "exited with code " + c.exitCode());
      }
      if (c.restartCount() - initialRestarts >= 2) {
        throw failure(spec, id, "keeps restarting (" + c.restartCount() + " restarts)");
      }
      if (c.running() && check.ready(spec, c)) {
        return;
      }
      long waited = (System.nanoTime() - started) / 1_000_000_000L;
      if (waited >= nextReport) {
        // a heartbeat: slow first starts (migrations, model loads) must not look like a hang
        status.accept(
            "waiting for "
                + spec.service()
                + " to be ready ("
                + waited
                + "s"
                + healthNote(c)
                + ")");
        nextReport += REPORT_EVERY_SECONDS;
      }
      if (System.nanoTime() > deadline) {
        throw failure(
            spec,
            id,
            "not ready after "
                + timeout.toSeconds()
                + "s"
                + unservedNote(spec)
                + (c.health() == ContainerHealth.NONE
                    ? ""
                    : " (Docker health: " + c.health().label() + ")"));
      }
      sleep(pause(System.nanoTime() - started));
    }
  }

  /** The pause before the next look: a tenth of the time waited so far, 10 ms to 250 ms. */
  static long pause(long waitedNanos) {
    return Math.clamp(waitedNanos / 10_000_000L, FIRST_POLL_MS, LAST_POLL_MS);
  }

  private NotReadyException failure(ContainerSpec spec, String id, String what) {
    List<String> lines;
    try {
      lines = engine.tailLogs(id, LOG_LINES);
    } catch (RuntimeException e) {
      lines = List.of("(logs unavailable: " + e.getMessage() + ")");
    }
    StringBuilder sb = new StringBuilder(spec.service()).append(" ").append(what);
    if (!lines.isEmpty()) {
      sb.append("; last log lines:");
      lines.forEach(l -> sb.append("\n    | ").append(l));
    }
    return new NotReadyException(sb.toString());
  }

  /** For mcpo: which MCP servers list no tools, by name (a broken extension). */
  private static String unservedNote(ContainerSpec spec) {
    if (spec.probe() == null || spec.probe().openApiSpecs().isEmpty() || spec.ports().isEmpty()) {
      return "";
    }
    PortBinding p = spec.ports().get(0);
    String host = "0.0.0.0".equals(p.hostIp()) ? "127.0.0.1" : p.hostIp();
    OpenApiTools tools = new OpenApiTools(new HttpProbe());
    List<String> broken =
        spec.probe().openApiSpecs().stream()
            .filter(
                path ->
                    tools
                            .count(
                                "http://" + host + ":" + p.hostPort() + path, Duration.ofSeconds(2))
                            .orElse(0)
                        == 0)
            .map(path -> path.substring(1, path.indexOf('/', 1)))
            .toList();
    return broken.isEmpty() ? "" : " (serving no tools: " + String.join(", ", broken) + ")";
  }

  private static String healthNote(ObservedContainer c) {
    return c.health() == ContainerHealth.NONE ? "" : ", Docker health: " + c.health().label();
  }

  private static void sleep(long millis) throws NotReadyException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotReadyException("interrupted");
    }
  }
}
