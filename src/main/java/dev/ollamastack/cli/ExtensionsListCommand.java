package dev.ollamastack.cli;

import dev.ollamastack.app.ExtensionCatalogView;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code extensions list}: the catalog with each extension's status. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "The catalog (built-in and spec.extensions.paths) with each extension's status.")
final class ExtensionsListCommand extends CommandSupport implements Callable<Integer> {
  @Option(names = "--enabled", description = "Only the extensions the stack file enables.")
  boolean enabled;

  @Option(names = "--running", description = "Only the extensions being served now.")
  boolean running;

  @Override
  public Integer call() {
    List<ExtensionCatalogView.Row> rows =
        new ExtensionCatalogView(context()).rows(globals().file(), running);
    out()
        .printf(
            "%-14s %-9s %-10s %-8s %-22s %s%n",
            "NAME", "SOURCE", "RUNS", "ENABLED", "STATE", "DESCRIPTION");
    for (ExtensionCatalogView.Row r : rows) {
      if ((enabled && !r.enabled()) || (running && !"serving".equals(r.state()))) {
        continue;
      }
      out()
          .printf(
              "%-14s %-9s %-10s %-8s %-22s %s%n",
              r.name(),
              r.source(),
              r.runs(),
              r.enabled() ? "yes" : "no",
              r.state(),
              r.description());
    }
    return 0;
  }
}
