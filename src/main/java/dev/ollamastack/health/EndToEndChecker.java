package dev.ollamastack.health;

import dev.ollamastack.engine.DockerEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs the applicable end-to-end checks at once, on virtual threads: the whole costs about the
 * slowest of them, each bounded by the {@link EndToEnd.Budget}. A failing webui or mcp-proxy check
 * is tried again as the budget allows; the GPU one never (nothing changes within seconds there).
 */
final class EndToEndChecker {
  private final DockerEngine engine;
  private final EndToEnd.Budget budget;

  EndToEndChecker(DockerEngine engine, EndToEnd.Budget budget) {
    this.engine = engine;
    this.budget = budget;
  }

  List<EndToEndCheck> run(EndToEndTargets t) {
    List<Future<EndToEndCheck>> pending = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      if (t.webui() != null) {
        WebuiOllamaCheck c = new WebuiOllamaCheck(engine, budget.timeout());
        pending.add(pool.submit(() -> retried(() -> c.run(t.webui()))));
      }
      if (t.mcpProxy() != null) {
        McpToolsCheck c = new McpToolsCheck(engine, budget.timeout());
        pending.add(pool.submit(() -> retried(() -> c.run(t.mcpProxy()))));
      }
      if (t.gpu() != null) {
        GpuUseCheck c = new GpuUseCheck(engine, budget.timeout());
        pending.add(pool.submit(() -> c.run(t.gpu())));
      }
      List<EndToEndCheck> out = new ArrayList<>();
      for (Future<EndToEndCheck> f : pending) {
        out.add(await(f));
      }
      return out;
    }
  }

  private EndToEndCheck retried(Supplier<EndToEndCheck> check) throws InterruptedException {
    EndToEndCheck last = check.get();
    for (int i = 1; i < budget.attempts() && last.failed(); i++) {
      Thread.sleep(budget.pause());
      last = check.get();
    }
    return last;
  }

  private static EndToEndCheck await(Future<EndToEndCheck> f) {
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
