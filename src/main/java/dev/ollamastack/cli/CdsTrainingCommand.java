package dev.ollamastack.cli;

import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.StackLoader;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.ToolVersion;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.plan.Plan;
import dev.ollamastack.plan.PlanDocument;
import dev.ollamastack.plan.PlanText;
import dev.ollamastack.plan.Planner;
import dev.ollamastack.plan.render.StackRenderer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: the launcher runs this once per build with {@code -XX:ArchiveClassesAtExit} so the CDS
 * archive holds the classes of the hot path (YAML, schema, planner, JSON, docker-java), not only
 * those of whatever command happened to run first. Changes nothing: the embedded stack, an empty
 * observed state, and read-only Docker calls when a daemon answers.
 */
@Command(name = "__cds-training", hidden = true)
final class CdsTrainingCommand extends CommandSupport implements Callable<Integer> {
  @Override
  public Integer call() {
    LoadedStack loaded = new StackLoader(Map.of(), context().cwd()).load(null);
    var desired =
        new StackRenderer(ToolVersion.get())
            .render(loaded.spec().withPlatform(Platform.CPU), new Secrets("x", "y"), 2, "/tmp/x");
    Plan plan = new Planner().plan(desired, ObservedState.empty(), Overrides.NONE);
    StringWriter sink = new StringWriter();
    PrintWriter w = new PrintWriter(sink);
    w.print(PlanText.render(plan));
    PlanDocument doc = PlanDocument.of(plan, null, "0", "0");
    w.print(Json.write(doc));
    w.print(Json.yaml(doc));
    spec.root().commandLine().usage(w);
    try (DockerEngine engine = context().engines().connect()) {
      engine.info();
      engine.listContainers(Map.of("ollama-stack.installation", "__cds-training"));
      engine.listNetworks(Map.of("ollama-stack.installation", "__cds-training"));
      engine.listVolumes(Map.of("ollama-stack.installation", "__cds-training"));
    } catch (RuntimeException noDaemon) {
      // training without Docker still covers everything else
    }
    return 0;
  }
}
