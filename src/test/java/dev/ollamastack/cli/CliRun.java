package dev.ollamastack.cli;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.host.HostProbe;
import dev.ollamastack.testsupport.FakeHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/** One in-process run of the CLI, as {@code Main} does it, with stdout and stderr captured. */
record CliRun(int exitCode, String out, String err) {

  /** A run on a plain {@link FakeHost} in which any Docker call fails the test. */
  static CliRun run(Path cwd, Path stateHome, Map<String, String> env, String... args) {
    return run(noDocker(cwd, stateHome, env, new FakeHost()), args);
  }

  /** A context on {@code host} in which any Docker call fails the test. */
  static AppContext noDocker(Path cwd, Path stateHome, Map<String, String> env, HostProbe host) {
    return new AppContext(
        env,
        cwd,
        stateHome,
        false,
        () -> {
          throw new AssertionError("no Docker call");
        },
        host);
  }

  static CliRun run(AppContext ctx, String... args) {
    return run(ctx, c -> {}, args);
  }

  /** {@code setup} may swap test hooks on the command line before it runs. */
  static CliRun run(AppContext ctx, Consumer<CommandLine> setup, String... args) {
    CommandLine cmd = Main.commandLine(ctx, false);
    setup.accept(cmd);
    return run(cmd, args);
  }

  static CliRun run(CommandLine cmd, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
