package dev.ollamastack.cli;

import dev.ollamastack.plan.Overrides;
import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code start [SERVICE…]}: converge; named services start, others are left as they are. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start services (all by default): converge them to the stack file.",
      "Services not named keep their current state."
    })
final class StartCommand extends OverrideCommand {
  @Override
  Overrides overrides(Set<String> selected, Set<String> all) {
    Set<String> leaveAlone = new LinkedHashSet<>(all);
    leaveAlone.removeAll(selected);
    return new Overrides(Set.of(), Set.of(), leaveAlone);
  }
}
