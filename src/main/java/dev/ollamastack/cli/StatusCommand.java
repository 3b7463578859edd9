package dev.ollamastack.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.Reconciler;
import dev.ollamastack.app.status.StatusProbes;
import dev.ollamastack.app.status.StatusReport;
import dev.ollamastack.app.status.StatusService;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.model.ExitCode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code status}: one row per service, models, last apply, what to do next. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show each service's state, health, URL, resources and drift from the stack file.",
      "Then the models, the extensions, the end-to-end checks, the last apply and what to run"
          + " next.",
      "Exit 0 when every service is running and healthy, 1 otherwise, 4 when Docker is down."
    })
final class StatusCommand extends CommandSupport implements Callable<Integer> {
  static final String CLEAR = "\u001b[H\u001b[2J";

  /** json and yaml: docs/status-format.md. */
  @Mixin OutputOptions output;

  @Option(names = "--watch", description = "Redraw until Ctrl-C.")
  boolean watch;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description = "Time between redraws with --watch (default: ${DEFAULT-VALUE}).")
  Duration interval;

  /** Stops --watch after N reports: for tests. */
  @Option(names = "--watch-count", hidden = true, defaultValue = "0")
  int watchCount;

  /** The HTTP probes; tests put fakes here. */
  StatusProbes probes = StatusProbes.http();

  @Override
  public Integer call() throws InterruptedException {
    LoadedStack loaded =
        new Reconciler(context(), new PlatformResolver(context().host())).load(globals().file());
    PlanPrinter.warnings(err(), loaded);
    StatusService service = new StatusService(context(), probes, Clock.systemDefaultZone());
    PrintWriter out = out();
    try (DockerEngine engine = context().engines().connect()) {
      for (int n = 1; ; n++) {
        StatusReport report = service.status(loaded, engine);
        if (watch && color()) {
          out.print(CLEAR);
        } else if (n > 1 && output.text()) {
          out.println();
        }
        out.print(render(report));
        out.flush();
        int code = report.ok() ? 0 : ExitCode.FAILED.code();
        if (!watch || (watchCount > 0 && n >= watchCount)) {
          return code;
        }
        Thread.sleep(interval.toMillis());
      }
    }
  }

  private String render(StatusReport report) {
    return switch (output.format) {
      case TEXT -> StatusPrinter.render(report, color());
      case JSON -> watch ? compact(report) : Json.write(report) + "\n";
      case YAML -> (watch ? "---\n" : "") + Json.yaml(report);
    };
  }

  /** Under --watch, one JSON document per line (JSON Lines), so a reader can parse each. */
  private static String compact(StatusReport report) {
    try {
      return Json.MAPPER
              .writer()
              .without(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(report)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
