package dev.ollamastack.cli;

import dev.ollamastack.plan.Overrides;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code restart [SERVICE…]}: recreate the containers (data kept). */
@Command(
    name = "restart",
    mixinStandardHelpOptions = true,
    description = "Recreate services (all by default) from the stack file; volumes are kept.")
final class RestartCommand extends OverrideCommand {
  @Override
  Overrides overrides(Set<String> selected, Set<String> all) {
    return new Overrides(Set.of(), selected);
  }
}
