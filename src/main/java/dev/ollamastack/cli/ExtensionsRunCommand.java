package dev.ollamastack.cli;

import dev.ollamastack.app.ApplyStack;
import dev.ollamastack.app.ExtensionCatalogView;
import dev.ollamastack.plan.Overrides;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code extensions start|stop|restart NAME}: one-apply overrides like the core ones; the stack
 * file is not changed. Ollama and Open WebUI are left as they are.
 */
abstract class ExtensionsRunCommand extends CommandSupport implements Callable<Integer> {
  @Mixin PlanOptions planOptions;
  @Mixin ApplyOptions applyOptions;

  @Option(names = "--dry-run", description = "Show the plan only.")
  boolean dryRun;

  @Parameters(paramLabel = "NAME")
  String name;

  abstract Overrides overrides(ExtensionCatalogView.Row row);

  @Override
  public Integer call() {
    ExtensionCatalogView.Row row =
        new ExtensionCatalogView(context()).enabledRow(globals().file(), name);
    return applyFlow()
        .run(
            new ApplyStack.Request(
                globals().file(),
                planOptions.platform,
                overrides(row),
                applyOptions.lockTimeout,
                applyOptions.readyTimeout,
                false,
                dryRun,
                null));
  }

  static final Set<String> CORE = Set.of("ollama", "webui");

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Serve NAME again (after 'extensions stop'): converge it to the stack file.")
  static final class Start extends ExtensionsRunCommand {
    @Override
    Overrides overrides(ExtensionCatalogView.Row row) {
      return new Overrides(Set.of(), Set.of(), CORE);
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Serve the stack without NAME until the next apply; its volumes are kept.")
  static final class Stop extends ExtensionsRunCommand {
    @Override
    Overrides overrides(ExtensionCatalogView.Row row) {
      return new Overrides(Set.of(), Set.of(), CORE, Set.of(row.name()));
    }
  }

  @Command(
      name = "restart",
      mixinStandardHelpOptions = true,
      description = "Recreate NAME's container, or mcp-proxy for an extension it runs (stdio).")
  static final class Restart extends ExtensionsRunCommand {
    @Override
    Overrides overrides(ExtensionCatalogView.Row row) {
      return new Overrides(
          Set.of(), Set.of("container".equals(row.runs()) ? row.name() : "mcp-proxy"), CORE);
    }
  }
}
