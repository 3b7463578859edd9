package dev.ollamastack.cli;

import dev.ollamastack.app.AppContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Runs the CLI in-process, as {@code Main} does, capturing stdout and stderr. */
record CliRun(int code, String out, String err) {
  static CliRun run(AppContext ctx, Consumer<CommandLine> setup, String... args) {
    CommandLine cmd = Main.commandLine(ctx, false);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    setup.accept(cmd);
    int code = cmd.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  static CliRun run(AppContext ctx, String... args) {
    return run(ctx, c -> {}, args);
  }
}
