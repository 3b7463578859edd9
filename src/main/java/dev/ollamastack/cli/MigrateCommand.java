package dev.ollamastack.cli;

import dev.ollamastack.app.ApplyStack;
import dev.ollamastack.app.backup.MigrateInstallation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrate}: adopt an installation of the older Python CLI, its data and its secret. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Adopt an installation of the older ollama-stack (Python CLI): write an equivalent"
          + " ollama-stack.yaml, keep WEBUI_SECRET_KEY (users stay signed in), adopt its volumes"
          + " with their data, stop and remove its containers, then apply.",
      "Its backups need no migration: 'ollama-stack restore' reads them. A stack file already at"
          + " apiVersion ollama-stack/v1 (the only version) has nothing to migrate."
    })
final class MigrateCommand extends DataCommand implements Callable<Integer> {
  @Option(
      names = "--from",
      paramLabel = "DIR",
      description =
          "The older CLI's config directory (default: $OLLAMA_STACK_CONFIG_DIR, else ~/.ollama-stack).")
  Path from;

  @Option(
      names = "--project",
      paramLabel = "NAME",
      description = "Which older installation (default: PROJECT_NAME of its .env).")
  String project;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask (needed when stdin is not a terminal).")
  boolean yes;

  @Option(
      names = "--force",
      description = "Replace a different stack file at the target (kept beside it).")
  boolean force;

  @Option(names = "--dry-run", description = "Show the plan and the new stack file only.")
  boolean dryRun;

  @Override
  public Integer call() {
    ApplyFlow flow = applyFlow();
    MigrateInstallation.Result r =
        new MigrateInstallation(context(), platforms())
            .run(
                new MigrateInstallation.Request(
                    from,
                    globals().file(),
                    project,
                    !yes,
                    force,
                    dryRun,
                    applyOptions.lockTimeout,
                    applyOptions.readyTimeout),
                new TerminalConfirmation(context().interactive(), out(), System.in),
                printer(),
                flow.listener());
    return switch (r) {
      case MigrateInstallation.Result.NothingToMigrate n -> {
        out().println(n.why() + ".");
        yield 0;
      }
      case MigrateInstallation.Result.DryRun d -> {
        out().println();
        out().println("--- " + d.plan().stackFile());
        out().print(d.plan().stackFileText());
        out().flush();
        yield 0;
      }
      case MigrateInstallation.Result.Migrated m -> {
        int code =
            switch (m.apply()) {
              case ApplyStack.Result.Applied a -> flow.report(a);
              case ApplyStack.Result.NoChanges n -> 0;
              case ApplyStack.Result.DryRun d -> 0;
            };
        out()
            .println(
                code == 0
                    ? "Migrated "
                        + m.plan().installation()
                        + ": manage it with this tool from now on ("
                        + m.plan().stackFile()
                        + ")."
                    : "The older containers are removed; the data is untouched in "
                        + String.join(", ", m.plan().volumes())
                        + ". Run 'ollama-stack apply' again once the cause is fixed.");
        yield code;
      }
    };
  }
}
