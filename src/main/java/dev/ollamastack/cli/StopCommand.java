package dev.ollamastack.cli;

import dev.ollamastack.plan.Overrides;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code stop [SERVICE…]}: remove the containers; volumes and network stay. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = {
      "Stop services (all by default); volumes and network are kept.",
      "Their containers are removed; volumes (models, chats, settings) and the network stay.",
      "The stack file is not changed: the next apply or start brings them back."
    })
final class StopCommand extends OverrideCommand {
  @Override
  Overrides overrides(Set<String> selected, Set<String> all) {
    return new Overrides(selected, Set.of());
  }
}
