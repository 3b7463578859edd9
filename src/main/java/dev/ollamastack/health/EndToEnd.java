package dev.ollamastack.health;

import dev.ollamastack.engine.DockerEngine;
import java.time.Duration;
import java.util.List;

/**
 * Runs the end-to-end checks: the port {@code status}, {@code check} and {@code apply} share, so
 * tests on a fake engine put {@link #NONE} (or a fake) where the real network calls would go.
 */
@FunctionalInterface
public interface EndToEnd {
  /** The applicable checks of {@code targets}, in the order webui, mcp-proxy, GPU. */
  List<EndToEndCheck> run(EndToEndTargets targets, DockerEngine engine, Budget budget);

  /** Checks nothing: for contexts without real services behind them. */
  EndToEnd NONE = (targets, engine, budget) -> List.of();

  /** The real checks: HTTP to the published ports, {@code docker exec} and logs. */
  EndToEnd REAL = (targets, engine, budget) -> new EndToEndChecker(engine, budget).run(targets);

  /**
   * How long each check may take.
   *
   * @param timeout one HTTP request or command inside a container
   * @param attempts tries of a failing webui or mcp-proxy check (apply: Open WebUI lists models
   *     from a cache of about a second, so a model pulled by the same apply may show a moment
   *     later)
   * @param pause between tries
   */
  record Budget(Duration timeout, int attempts, Duration pause) {
    /** {@code status}: one short try, so a hung service never stalls it. */
    public static final Budget STATUS = new Budget(Duration.ofMillis(1500), 1, Duration.ZERO);

    /** {@code check}: one try, time for a slow answer. */
    public static final Budget CHECK = new Budget(Duration.ofSeconds(5), 1, Duration.ZERO);

    /** {@code apply}'s last gate: three tries a second apart. */
    public static final Budget GATE = new Budget(Duration.ofSeconds(5), 3, Duration.ofSeconds(1));
  }
}
