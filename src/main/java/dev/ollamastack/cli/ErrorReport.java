package dev.ollamastack.cli;

import dev.ollamastack.config.InvalidStackException;
import dev.ollamastack.config.Problem;
import dev.ollamastack.config.Redactor;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.EngineUnavailableException;
import dev.ollamastack.engine.NotAnEngineException;
import dev.ollamastack.model.ExitCode;
import dev.ollamastack.model.ToolException;
import java.util.List;

/**
 * What the user is told about a failure, whatever threw it: one message, where in the input (when
 * it is about the input), what to do, and the exit code of DESIGN.md §4. Printed as {@code error:}
 * and {@code hint:} lines on stderr, and with {@code -o json|yaml} also as the document of
 * docs/errors-format.md on stdout. Every text is one line.
 *
 * @param location {@code file:line:col} of the first problem, or {@code null}
 * @param problems every problem of an invalid stack file (empty otherwise)
 * @param warnings warnings found before the errors stopped loading
 */
record ErrorReport(
    ExitCode code,
    String message,
    String location,
    String hint,
    List<Problem> problems,
    List<Problem> warnings) {

  ErrorReport {
    message = Problem.oneLine(message == null ? "" : message);
    hint = hint == null ? null : Problem.oneLine(hint);
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }

  static ErrorReport of(Throwable ex) {
    return switch (ex) {
      case InvalidStackException i -> {
        Problem first = i.problems().get(0);
        yield new ErrorReport(
            i.exitCode(), first.message(), location(first), i.hint(), i.problems(), i.warnings());
      }
      case ToolException t -> simple(t.exitCode(), t.getMessage(), t.hint());
      case NotAnEngineException n ->
          simple(
              ExitCode.ENVIRONMENT,
              n.getMessage(),
              "point DOCKER_HOST (or the Docker context) at the engine itself, e.g."
                  + " unix:///var/run/docker.sock or tcp://HOST:2375; 'ollama-stack check'"
                  + " diagnoses");
      case EngineUnavailableException u ->
          simple(ExitCode.ENVIRONMENT, u.getMessage() + rootCause(u), unavailableHint(u));
      case EngineException e ->
          simple(
              ExitCode.FAILED,
              "Docker refused: " + e.getMessage(),
              "run with --verbose for details");
      default ->
          simple(
              ExitCode.FAILED,
              "unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage(),
              "run with --verbose for the stack trace, and report it");
    };
  }

  /** The same report with every secret the redactor knows or recognises masked. */
  ErrorReport redacted(Redactor r) {
    return new ErrorReport(
        code,
        r.redact(message),
        location,
        hint == null ? null : r.redact(hint),
        problems.stream()
            .map(p -> new Problem(p.file(), p.line(), p.column(), p.path(), r.redact(p.message())))
            .toList(),
        warnings);
  }

  /** A bad flag or argument (picocli's parse errors). */
  static ErrorReport badArguments(String message, String hint) {
    return simple(ExitCode.INVALID_INPUT, message, hint);
  }

  private static ErrorReport simple(ExitCode code, String message, String hint) {
    return new ErrorReport(code, message, null, hint, List.of(), List.of());
  }

  /** {@code file:line:col}, {@code file} when the position is unknown. */
  static String location(Problem p) {
    return p.located() ? p.file() + ":" + p.line() + ":" + p.column() : p.file();
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
    if (c == t || c.getMessage() == null) {
      return "";
    }
    String m = c.getMessage().strip();
    // A root cause may quote what the other end sent: a line, never a page.
    return " (" + (m.length() > 200 ? m.substring(0, 200) + "…" : m) + ")";
  }
}
