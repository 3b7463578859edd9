package dev.ollamastack.cli;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.EarlyEngine;
import dev.ollamastack.app.host.SystemHostProbe;
import dev.ollamastack.config.Redactor;
import dev.ollamastack.engine.EngineFactory;
import dev.ollamastack.engine.docker.DockerJavaEngineFactory;
import dev.ollamastack.health.EndToEnd;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Entry point: builds the context from the real process, runs the command, exits. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (printVersion(args, System.out)) {
      Runtime.getRuntime().halt(0); // as VersionLines.main
    }
    // No Groovy here: picocli's factory would look for groovy.lang.Closure (a miss) in every run.
    System.setProperty("picocli.disable.closures", "true");
    boolean verbose = Arrays.asList(args).contains("--verbose");
    configureLogging(verbose);
    Map<String, String> env = System.getenv();
    EngineFactory engines = new DockerJavaEngineFactory(env);
    boolean early = Subcommands.connectsAtOnce(args);
    if (early && !verbose) {
      // logging is off: the connection can start before the streams are masked, and does
      engines = EarlyEngine.start(engines);
    }
    // Before logging starts: every line of stdout and stderr, slf4j's included, is masked.
    Redactor redactor = new Redactor();
    System.setOut(masked(System.out, redactor));
    System.setErr(masked(System.err, redactor));
    if (early && verbose) {
      engines = EarlyEngine.start(engines);
    }
    AppContext context =
        new AppContext(
            env,
            Path.of("").toAbsolutePath(),
            AppContext.defaultStateHome(env),
            Tty.isTerminal(0),
            engines,
            new SystemHostProbe(env),
            redactor,
            EndToEnd.REAL);
    CommandLine cmd =
        build(context, Tty.isTerminal(1) && !noColor(env, args), r -> Subcommands.addFor(r, args));
    cmd.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
    cmd.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
    int code = cmd.execute(args);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /**
   * Without autoflush: a PrintStream that flushes on every print would hand a line over in pieces,
   * and a secret split across two pieces would escape the mask. Lines go out at their end, the rest
   * on an explicit flush (a prompt), and everything at exit.
   */
  private static PrintStream masked(PrintStream stream, Redactor redactor) {
    return new PrintStream(
        new RedactingOutputStream(stream, redactor), false, StandardCharsets.UTF_8);
  }

  /**
   * {@code ollama-stack --version} (or {@code -V}) alone prints picocli's version lines without
   * building picocli's model, which costs ~0.2 s of reflection at start-up (docs/startup.md).
   */
  static boolean printVersion(String[] args, PrintStream out) {
    if (args.length != 1 || !(args[0].equals("--version") || args[0].equals("-V"))) {
      return false;
    }
    VersionLines.print(out);
    return true;
  }

  /**
   * The command line for a context, every subcommand on it; tests call this and capture out/err.
   */
  public static CommandLine commandLine(AppContext context, boolean ansi) {
    return build(context, ansi, Subcommands::addAll);
  }

  /**
   * The root command with the subcommands {@code register} adds, then configured: picocli applies
   * handlers and colours to the subcommands present when they are set.
   */
  static CommandLine build(AppContext context, boolean ansi, Consumer<CommandLine> register) {
    CommandLine cmd = new CommandLine(new RootCommand(context));
    register.accept(cmd);
    // No context when only the command model is wanted (help text, subcommand lists).
    ErrorReporter reporter =
        new ErrorReporter(context == null ? new Redactor() : context.redactor());
    cmd.setExecutionExceptionHandler(reporter);
    cmd.setParameterExceptionHandler(reporter);
    cmd.setColorScheme(
        CommandLine.Help.defaultColorScheme(
            ansi ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    return cmd;
  }

  static boolean noColor(Map<String, String> env, String[] args) {
    String nc = env.get("NO_COLOR");
    return (nc != null && !nc.isEmpty()) || Arrays.asList(args).contains("--no-color");
  }

  private static void configureLogging(boolean verbose) {
    // slf4j's provider named, so it does not look for one with a ServiceLoader, which opens every
    // jar on the class path (ollama-stack-tls.jar's 7,800 entries) to find none but this one; and
    // without its line saying so on stderr
    System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
    System.setProperty("slf4j.internal.verbosity", "WARN");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "off");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
  }
}
