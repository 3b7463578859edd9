package dev.ollamastack.cli;

import dev.ollamastack.testsupport.FakeHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The full command model as users see it (every subcommand of {@link Subcommands#ALL}), for the
 * generators of docs, man pages and completions: a fixed context, so the output does not depend on
 * the machine that builds it.
 */
public final class CommandModel {
  private CommandModel() {}

  public static CommandLine full() {
    return Main.commandLine(
        CliRun.noDocker(Path.of("/nonexistent"), Path.of("/nonexistent"), Map.of(), new FakeHost()),
        false);
  }

  /**
   * Every documented command, the root first, depth first; hidden ones and {@code help} left out.
   */
  public static List<CommandLine> documented() {
    List<CommandLine> all = new ArrayList<>();
    walk(full(), all);
    return all;
  }

  private static void walk(CommandLine cmd, List<CommandLine> into) {
    into.add(cmd);
    cmd.getSubcommands()
        .forEach(
            (name, sub) -> {
              var spec = sub.getCommandSpec();
              boolean alias = !name.equals(spec.name());
              if (!alias && !spec.usageMessage().hidden() && !spec.helpCommand()) {
                walk(sub, into);
              }
            });
  }

  /** {@code ollama-stack-config-view}: the man page's and doc's name of a command. */
  public static String fileName(CommandLine cmd) {
    return cmd.getCommandSpec().qualifiedName("-");
  }

  /** The command path without the root, {@code config-view}; {@code ollama-stack} for the root. */
  public static String shortName(CommandLine cmd) {
    String q = fileName(cmd);
    String root = cmd.getCommandSpec().root().name();
    return q.equals(root) ? root : q.substring(root.length() + 1);
  }
}
