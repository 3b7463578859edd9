package dev.ollamastack.cli;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.Reconciler;
import dev.ollamastack.app.logs.LogFollower;
import dev.ollamastack.app.logs.LogSelection;
import dev.ollamastack.app.logs.LogsService;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.LogOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code logs [SERVICE…]}: merged, time-ordered logs, prefixed per service. Not a {@link
 * CommandSupport}: {@code -f} means {@code --follow} here, as in {@code docker logs}, so the stack
 * file is {@code --file} (or {@code -f} before {@code logs}).
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
      "Show the logs of services (all by default), merged by time.",
      "Each line is prefixed with its service. With -f, follow them, also across a recreate."
    })
final class LogsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "SERVICE",
      arity = "0..*",
      completionCandidates = CompletionCandidates.Services.class,
      description = "ollama, webui, mcp-proxy…")
  List<String> services;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new lines until Ctrl-C.")
  boolean follow;

  @Option(
      names = {"-n", "--tail"},
      paramLabel = "N",
      description = "Lines from the end of each service's log (0: none; default: all).")
  Integer tail;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      converter = LogTimeConverter.class,
      description = "Only lines at or after TIME: RFC 3339 (2026-05-01T10:00:00Z) or 10m, 2h ago.")
  Instant since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      converter = LogTimeConverter.class,
      description = "Only lines at or before TIME (same forms as --since).")
  Instant until;

  @Option(
      names = {"-t", "--timestamps"},
      description = "Show each line's time.")
  boolean timestamps;

  @Option(names = "--file", paramLabel = "FILE", description = "Stack file (as -f before logs).")
  Path file;

  @Option(names = "--no-color", description = "No ANSI colours (also: NO_COLOR set).")
  boolean noColor;

  /** Stops -f after this long: for tests. */
  @Option(names = "--follow-for", hidden = true, converter = DurationConverter.class)
  Duration followFor;

  @Override
  public Integer call() throws InterruptedException {
    if (tail != null && tail < 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--tail must be 0 or more (lines from the end of each log), not " + tail);
    }
    if (since != null && until != null && since.isAfter(until)) {
      throw new ParameterException(
          spec.commandLine(),
          "--since " + since + " is after --until " + until + ": no line is both");
    }
    AppContext ctx = ((RootCommand) spec.root().userObject()).context();
    GlobalOptions.Resolved g = GlobalOptions.resolve(spec);
    boolean color =
        spec.commandLine().getColorScheme().ansi().enabled() && !g.noColor() && !noColor;
    LoadedStack loaded =
        new Reconciler(ctx, new PlatformResolver(ctx.host())).load(file != null ? file : g.file());
    var err = spec.commandLine().getErr();
    LogsService logs = new LogsService();
    try (DockerEngine engine = ctx.engines().connect()) {
      LogSelection sel = logs.select(loaded, engine, services);
      for (String m : sel.missing()) {
        err.println(
            "note: " + m + " has no container (not created); 'ollama-stack apply' creates it");
      }
      err.flush();
      LogPrinter printer =
          new LogPrinter(spec.commandLine().getOut(), sel.services(), color, timestamps);
      LogOptions options = new LogOptions(follow, tail, since, until);
      if (!follow) {
        logs.read(engine, sel, options).forEach(printer::print);
        return 0;
      }
      try (LogFollower f =
          logs.follow(engine, sel, options, printer::print, Duration.ofSeconds(1))) {
        Thread.sleep(followFor != null ? followFor.toMillis() : Long.MAX_VALUE);
      }
      return 0;
    }
  }
}
