package dev.ollamastack.cli;

import dev.ollamastack.config.InvalidStackException;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.EngineUnavailableException;
import dev.ollamastack.model.ExitCode;
import dev.ollamastack.model.ToolException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns an exception into {@code error: ...} plus {@code hint: ...} on stderr
 * and an exit code of DESIGN.md §4. A stack trace only with {@code --verbose}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("hint: run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage");
    err.flush();
    return ExitCode.INVALID_INPUT.code();
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    boolean verbose = GlobalOptions.resolve(cmd.getCommandSpec()).verbose();
    int code = report(ex, err);
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  static int report(Throwable ex, PrintWriter err) {
    return switch (ex) {
      case InvalidStackException i -> {
        // Every problem, one per line, so all can be fixed in one edit.
        i.warnings().forEach(w -> err.println("warning: " + w.format()));
        i.problems().forEach(p -> err.println("error: " + p.format()));
        err.println("hint: " + i.hint());
        yield i.exitCode().code();
      }
      case ToolException t -> {
        err.println("error: " + t.getMessage());
        if (t.hint() != null) {
          err.println("hint: " + t.hint());
        }
        yield t.exitCode().code();
      }
      case EngineUnavailableException u -> {
        err.println("error: " + u.getMessage() + rootCause(u));
        err.println("hint: " + unavailableHint(u));
        yield ExitCode.ENVIRONMENT.code();
      }
      case EngineException e -> {
        err.println("error: Docker refused: " + e.getMessage());
        err.println("hint: run with --verbose for details");
        yield ExitCode.FAILED.code();
      }
      default -> {
        err.println("error: unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        err.println("hint: run with --verbose for the stack trace, and report it");
        yield ExitCode.FAILED.code();
      }
    };
  }

  private static String unavailableHint(EngineUnavailableException u) {
    if (u.context() != null) {
      return "start the engine of Docker context "
          + u.context()
          + " (e.g. 'colima start', Docker Desktop), or pick another ('docker context ls',"
          + " DOCKER_CONTEXT, DOCKER_HOST); 'ollama-stack check' diagnoses";
    }
    return "start Docker (e.g. 'sudo systemctl start docker' or 'dockerd &'), or point"
        + " DOCKER_HOST at a running engine; 'ollama-stack check' diagnoses";
  }

  private static String rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c == t || c.getMessage() == null ? "" : " (" + c.getMessage() + ")";
  }
}
