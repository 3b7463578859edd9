package dev.ollamastack.cli;

import dev.ollamastack.app.ExtensionCatalogView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code extensions info NAME}: the manifest and what the stack would run for it. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "An extension's manifest, needs and the tool-server URL Open WebUI gets.")
final class ExtensionsInfoCommand extends CommandSupport implements Callable<Integer> {
  @Parameters(paramLabel = "NAME")
  String name;

  @Override
  public Integer call() {
    out().print(new ExtensionCatalogView(context()).info(globals().file(), name));
    return 0;
  }
}
