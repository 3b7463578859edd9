package dev.ollamastack.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code docs/commands/<command>.md}, written from the picocli model: the reference can never drift
 * from the commands, because {@code CommandDocsTest} fails when the committed files differ.
 */
public final class CommandDocs {
  static final String REGENERATE =
      "./mvnw -B test -Dtest=CommandDocsTest -Dsurefire.failIfNoSpecifiedTests=false"
          + " -Ddocs.update=true";

  private CommandDocs() {}

  /** File name → content, for every documented command plus {@code README.md} (the index). */
  public static Map<String, String> all() {
    Map<String, String> files = new LinkedHashMap<>();
    StringBuilder index = new StringBuilder("# Command reference\n\n");
    index.append(notice()).append("\n| command | what it does |\n|---|---|\n");
    for (CommandLine cmd : CommandModel.documented()) {
      String name = CommandModel.shortName(cmd) + ".md";
      files.put(name, page(cmd));
      index.append("| [`").append(cmd.getCommandSpec().qualifiedName()).append("`](").append(name);
      index.append(") | ").append(cell(first(cmd.getCommandSpec()))).append(" |\n");
    }
    files.put("README.md", index.toString());
    return files;
  }

  static String page(CommandLine cmd) {
    CommandSpec spec = cmd.getCommandSpec();
    Help help = cmd.getHelp();
    StringBuilder b = new StringBuilder("# ").append(spec.qualifiedName()).append("\n\n");
    b.append(notice()).append('\n');
    for (String line : spec.usageMessage().description()) {
      b.append(plain(line)).append("\n\n");
    }
    b.append("```\n").append(help.synopsis(0).stripTrailing()).append("\n```\n");
    table(b, "Arguments", positionals(spec));
    table(b, "Options", options(spec));
    List<String> subs = new ArrayList<>();
    cmd.getSubcommands()
        .forEach(
            (n, sub) -> {
              CommandSpec s = sub.getCommandSpec();
              if (n.equals(s.name()) && !s.usageMessage().hidden() && !s.helpCommand()) {
                String link = CommandModel.shortName(sub) + ".md";
                subs.add("| [`" + n + "`](" + link + ") | " + cell(first(s)) + " |");
              }
            });
    if (!subs.isEmpty()) {
      b.append("\n## Commands\n\n| command | what it does |\n|---|---|\n");
      subs.forEach(s -> b.append(s).append('\n'));
    }
    String[] aliases = spec.aliases();
    if (aliases.length > 0) {
      b.append("\nAlias: `").append(String.join("`, `", aliases)).append("`.\n");
    }
    String footer = String.join("\n", spec.usageMessage().footer()).strip();
    if (!footer.isEmpty()) {
      b.append('\n').append(plain(footer).replace("\n", " ")).append('\n');
    }
    return b.toString();
  }

  private static List<String> positionals(CommandSpec spec) {
    List<String> rows = new ArrayList<>();
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        rows.add("| `" + p.paramLabel() + "` | " + describe(p) + " |");
      }
    }
    return rows;
  }

  private static List<String> options(CommandSpec spec) {
    List<String> rows = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      String names = "`" + String.join("`, `", o.names()) + "`";
      String label = o.arity().max() > 0 ? " `" + o.paramLabel() + "`" : "";
      rows.add("| " + names + label + " | " + describe(o) + " |");
    }
    return rows;
  }

  private static String describe(ArgSpec a) {
    String d = cell(String.join(" ", a.description()));
    List<String> values = new ArrayList<>();
    if (a.completionCandidates() != null) {
      a.completionCandidates().forEach(values::add);
    }
    boolean listed = values.stream().allMatch(d::contains);
    return values.isEmpty() || listed ? d : d + " One of: `" + String.join("`, `", values) + "`.";
  }

  private static void table(StringBuilder b, String title, List<String> rows) {
    if (!rows.isEmpty()) {
      b.append("\n## ").append(title).append("\n\n| | |\n|---|---|\n");
      rows.forEach(r -> b.append(r).append('\n'));
    }
  }

  private static String first(CommandSpec spec) {
    String[] d = spec.usageMessage().description();
    return d.length == 0 ? "" : d[0];
  }

  private static String cell(String s) {
    return plain(s).replace("|", "\\|").replace("\n", " ");
  }

  /** picocli's {@code %n} and {@code %%} as text. */
  private static String plain(String s) {
    return s.replace("%n", "\n").replace("%%", "%").strip();
  }

  private static String notice() {
    return "<!-- Generated from the command model: do not edit. Regenerate with\n     "
        + REGENERATE
        + " -->\n";
  }
}
