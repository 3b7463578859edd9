package dev.ollamastack.cli;

import dev.ollamastack.app.ApplyStack;
import dev.ollamastack.app.EditExtensions;
import dev.ollamastack.plan.Overrides;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code extensions enable|disable NAME}: edits {@code spec.extensions.enabled} in the stack file,
 * shows the file's diff and the plan; {@code --apply} applies it.
 */
abstract class ExtensionsEditCommand extends CommandSupport implements Callable<Integer> {
  @Mixin PlanOptions planOptions;
  @Mixin ApplyOptions applyOptions;

  @Parameters(paramLabel = "NAME")
  String name;

  @Option(names = "--apply", description = "Apply the changed stack file (asks unless --yes).")
  boolean apply;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  abstract boolean enable();

  @Override
  public Integer call() {
    EditExtensions.Edited edited =
        new EditExtensions(context()).run(globals().file(), name, enable());
    if (!edited.changed()) {
      out()
          .println(
              "No change: "
                  + name
                  + " is "
                  + (enable() ? "already" : "not")
                  + " enabled in "
                  + edited.file());
    } else {
      out().println("--- " + edited.file());
      out().println("+++ " + edited.file());
      dev.ollamastack.plan.LineDiff.unified(edited.before(), edited.after())
          .forEach(out()::println);
      out().println();
    }
    return applyFlow()
        .run(
            new ApplyStack.Request(
                edited.file(),
                planOptions.platform,
                Overrides.NONE,
                applyOptions.lockTimeout,
                applyOptions.readyTimeout,
                !yes,
                !apply,
                null));
  }

  @Command(
      name = "enable",
      mixinStandardHelpOptions = true,
      description = "Add NAME to spec.extensions.enabled (comments and formatting kept).")
  static final class Enable extends ExtensionsEditCommand {
    @Override
    boolean enable() {
      return true;
    }
  }

  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = "Remove NAME from spec.extensions.enabled; its volumes are kept.")
  static final class Disable extends ExtensionsEditCommand {
    @Override
    boolean enable() {
      return false;
    }
  }
}
