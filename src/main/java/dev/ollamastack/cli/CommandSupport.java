package dev.ollamastack.cli;

import dev.ollamastack.app.AppContext;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command needs: its spec, the global options, the context, the writers. */
abstract class CommandSupport {
  @Mixin(name = "global")
  GlobalOptions global;

  @Spec CommandSpec spec;

  GlobalOptions.Resolved globals() {
    return GlobalOptions.resolve(spec);
  }

  AppContext context() {
    AppContext c = ((RootCommand) spec.root().userObject()).context();
    dev.ollamastack.model.Target target = globals().target();
    return target == null ? c : c.withTarget(target);
  }

  /** The CLI side of an apply, with this command line's writers and runners. */
  ApplyFlow applyFlow() {
    return new ApplyFlow(
        context(), out(), err(), color(), ((RootCommand) spec.root().userObject()).runners);
  }

  /** The same, for a command that calls its plan and result otherwise. */
  ApplyFlow applyFlow(ApplyFlow.Wording wording) {
    return new ApplyFlow(
        context(),
        out(),
        err(),
        color(),
        ((RootCommand) spec.root().userObject()).runners,
        wording);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Colour for this invocation: a terminal, no {@code --no-color}, no {@code NO_COLOR}. */
  boolean color() {
    return spec.commandLine().getColorScheme().ansi().enabled() && !globals().noColor();
  }
}
