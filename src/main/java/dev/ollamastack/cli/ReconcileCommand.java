package dev.ollamastack.cli;

import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.controller.Controller;
import dev.ollamastack.model.ExitCode;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reconcile --once | --watch}: the apply loop as a controller (docs/controller.md). */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
      "Keep the stack converged without asking: --once runs one pass (cron, systemd timers),",
      "--watch follows Docker's events and the stack file and runs a pass on every drift.",
      "Never removes data volumes or touches foreign resources; waits its turn on the apply lock.",
      "--watch stops on SIGTERM/SIGINT (exit 0), letting the pass in progress finish (--grace)."
    })
final class ReconcileCommand extends CommandSupport implements Callable<Integer> {
  static final class Mode {
    @Option(
        names = "--once",
        required = true,
        description = "One level-triggered pass: exit 0 in sync or converged, 1 when it failed.")
    boolean once;

    @Option(names = "--watch", required = true, description = "Watch and converge until stopped.")
    boolean watch;
  }

  @ArgGroup(multiplicity = "1")
  Mode mode;

  @Mixin PlanOptions planOptions;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "One line per pass and action: ${COMPLETION-CANDIDATES} (default: text).")
  ControllerLogPrinter.Format logFormat;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = DurationConverter.Positive.class,
      description = "How long to wait for each service to be ready (default: ${DEFAULT-VALUE}).")
  Duration readyTimeout;

  @Option(
      names = "--lock-timeout",
      paramLabel = "DURATION",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description =
          "How long a pass waits while an interactive apply holds the lock (default:"
              + " ${DEFAULT-VALUE}); then the pass is skipped and tried again.")
  Duration lockTimeout;

  @Option(
      names = "--unhealthy-after",
      paramLabel = "DURATION",
      defaultValue = "2m",
      converter = DurationConverter.Positive.class,
      description =
          "Recreate a container Docker reports unhealthy for this long (default: ${DEFAULT-VALUE}).")
  Duration unhealthyAfter;

  @Option(
      names = "--backoff",
      paramLabel = "DURATION",
      defaultValue = "5s",
      converter = DurationConverter.Positive.class,
      description =
          "First wait before a service that had to be put back is touched again; doubles on each"
              + " pass in a row that has to (default: ${DEFAULT-VALUE}).")
  Duration backoff;

  @Option(
      names = "--backoff-cap",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = DurationConverter.Positive.class,
      description = "The longest backoff (default: ${DEFAULT-VALUE}).")
  Duration backoffCap;

  @Option(
      names = "--resync",
      paramLabel = "DURATION",
      defaultValue = "10m",
      converter = DurationConverter.Positive.class,
      description = "A pass at least this often, events or not (default: ${DEFAULT-VALUE}).")
  Duration resync;

  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "On SIGTERM/SIGINT, how long the pass in progress may take to finish before it is"
              + " abandoned (default: ${DEFAULT-VALUE}).")
  Duration grace;

  @Override
  public Integer call() {
    if (backoffCap.compareTo(backoff) < 0) {
      throw dev.ollamastack.model.ToolException.invalidInput(
          "--backoff-cap " + backoffCap + " is shorter than --backoff " + backoff,
          "give a cap at least as long as the first wait");
    }
    ControllerLogPrinter printer = new ControllerLogPrinter(out(), logFormat);
    Controller controller =
        new Controller(
            context(),
            new PlatformResolver(context().host()),
            ((RootCommand) spec.root().userObject()).runners,
            new Controller.Options(
                globals().file(),
                planOptions.platform,
                lockTimeout,
                readyTimeout,
                unhealthyAfter,
                backoff,
                backoffCap,
                resync,
                Duration.ofSeconds(30)),
            printer,
            Clock.systemUTC());
    if (mode.once) {
      Controller.PassResult r = controller.once();
      return switch (r.outcome()) {
        case IN_SYNC, CONVERGED -> ExitCode.OK.code();
        case FAILED, NOT_RUN -> ExitCode.FAILED.code();
      };
    }
    Thread hook =
        new Thread(
            () -> {
              controller.stop(grace, "signal");
              out().flush();
              err().flush();
              System.out.flush();
              // A stop on a signal is the way a watch ends: exit 0, not the JVM's 128+signal.
              Runtime.getRuntime().halt(ExitCode.OK.code());
            },
            "reconcile-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      controller.watch();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // a signal stopped it: the hook is running and ends the process with 0
      }
    }
    return ExitCode.OK.code();
  }
}
