package dev.ollamastack.cli;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.StackLoader;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.model.ContainerHealth;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.NetworkSpec;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedContainer.Endpoint;
import dev.ollamastack.model.ObservedContainer.Wiring;
import dev.ollamastack.model.ObservedNetwork;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.ToolVersion;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.plan.Plan;
import dev.ollamastack.plan.PlanDocument;
import dev.ollamastack.plan.PlanText;
import dev.ollamastack.plan.Planner;
import dev.ollamastack.plan.render.StackRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Hidden: the launcher runs this once per build with {@code -XX:ArchiveClassesAtExit} so the CDS
 * archive holds the classes of the hot path (YAML, schema, planner, JSON, docker-java), not only
 * those of whatever command happened to run first. Changes nothing: the embedded stack, an empty
 * observed state, and read-only Docker calls when a daemon answers; then the read-only commands
 * themselves ({@code plan}, {@code diff}, {@code status}) on the embedded stack, with a throw-away
 * state directory, their output discarded.
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
    planAsApplied(desired);
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
      // observe lists every container and status inspects each of ours: one (read only) trains
      // it, one of ours when there is one, else any
      List<ObservedContainer> all = engine.listContainers(Map.of());
      all.stream()
          .filter(c -> Labels.MANAGED_BY_VALUE.equals(c.labels().get(Labels.MANAGED_BY)))
          .findFirst()
          .or(() -> all.stream().findFirst())
          .ifPresent(c -> engine.inspectContainer(c.id()));
    } catch (RuntimeException noDaemon) {
      // training without Docker still covers everything else
    }
    runReadOnlyCommands();
    loadTheRest();
    return 0;
  }

  /**
   * The plan of an installation that exists: the planner's matching of observed containers (drift,
   * dependents, earlier forms of the labels) runs only then, and its lambdas are spun at run time
   * unless the archive holds them. The desired state as {@code apply} would have made it, running:
   * nothing is asked of Docker.
   */
  static Plan planAsApplied(DesiredState desired) {
    List<ObservedContainer> containers = new ArrayList<>();
    String networkId = "training-network";
    for (ContainerSpec c : desired.containers()) {
      Map<String, Endpoint> nets =
          c.network() == null
              ? Map.of()
              : Map.of(c.network(), new Endpoint(networkId, c.networkAliases()));
      containers.add(
          new ObservedContainer(
              "training-" + c.name(),
              c.name(),
              c.imageReference(),
              "sha256:training",
              ContainerState.RUNNING,
              ContainerHealth.HEALTHY,
              null,
              c.labels(),
              c.ports(),
              Instant.EPOCH,
              0,
              new Wiring(
                  nets,
                  c.mounts(),
                  c.restartPolicy(),
                  c.resources().memoryBytes() == null ? 0L : c.resources().memoryBytes(),
                  c.resources().cpus() == null ? 0L : Math.round(c.resources().cpus() * 1e9),
                  c.env())));
    }
    NetworkSpec n = desired.network();
    List<ObservedNetwork> networks =
        n == null
            ? List.of()
            : List.of(new ObservedNetwork(networkId, n.name(), n.driver(), n.labels()));
    List<ObservedVolume> volumes =
        desired.volumes().stream()
            .map(
                v ->
                    new ObservedVolume(v.name(), "/var/lib/docker/volumes/" + v.name(), v.labels()))
            .toList();
    ObservedState observed =
        new ObservedState(
            containers,
            networks,
            volumes,
            Set.of(),
            List.of(),
            List.of(),
            Map.of(),
            null,
            List.of(),
            List.of(),
            null);
    return new Planner().plan(desired, observed, Overrides.NONE);
  }

  /**
   * Packages whose classes are loaded (not initialised) at the end, so the archive holds them even
   * where the runs above did not go: what {@code status} needs of containers that exist (inspect,
   * exec, stats, probes) is not on a fresh machine's path, nor {@code apply}'s, {@code backup}'s.
   * The JVM links them when it writes the archive; loading a class runs none of its code. The
   * transport's request entities are for a request with a body (a create, an exec), which the
   * read-only runs never send.
   */
  private static final List<String> ARCHIVED_PACKAGES =
      List.of(
          "dev/ollamastack/",
          "com/github/dockerjava/api/",
          "com/github/dockerjava/core/",
          "com/github/dockerjava/zerodep/shaded/org/apache/hc/core5/http/io/entity/");

  private static void loadTheRest() {
    ClassLoader loader = CdsTrainingCommand.class.getClassLoader();
    URL jar = CdsTrainingCommand.class.getProtectionDomain().getCodeSource().getLocation();
    try (JarFile file = new JarFile(Path.of(jar.toURI()).toFile())) {
      file.stream()
          .map(JarEntry::getName)
          .filter(n -> n.endsWith(".class") && ARCHIVED_PACKAGES.stream().anyMatch(n::startsWith))
          .forEach(n -> load(n.substring(0, n.length() - ".class".length()), loader));
    } catch (IOException | URISyntaxException | RuntimeException notAJar) {
      // run from a classes directory (tests): the launcher trains on the jar alone
    }
  }

  private static void load(String path, ClassLoader loader) {
    try {
      Class.forName(path.replace('/', '.'), false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      // a class of an optional dependency that is not shipped: not archived, never needed
    }
  }

  private static final List<List<String>> READ_ONLY =
      List.of(List.of("plan"), List.of("diff"), List.of("status"), List.of("status", "-o", "json"));

  // Planning, observing and status classes only load on these paths; running the commands is the
  // only honest way to list them. They only read Docker; what they write goes to a temp dir.
  private void runReadOnlyCommands() {
    Path scratch;
    try {
      scratch = Files.createTempDirectory("ollama-stack-cds-");
    } catch (IOException e) {
      return;
    }
    AppContext c = context();
    AppContext t =
        new AppContext(c.env(), scratch, scratch.resolve("state"), false, c.engines(), c.host());
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    try {
      for (List<String> command : READ_ONLY) {
        String[] args = command.toArray(String[]::new);
        CommandLine cl = Main.build(t, false, r -> Subcommands.addFor(r, args));
        cl.setOut(sink);
        cl.setErr(sink);
        cl.execute(args);
      }
    } finally {
      deleteTree(scratch);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp dir is harmless
    }
  }
}
