package dev.ollamastack.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.config.Problem;
import dev.ollamastack.config.Redactor;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns an exception into {@code error: ...} plus {@code hint: ...} on stderr
 * and an exit code of DESIGN.md §4; with {@code -o json|yaml}, the same as one document on stdout
 * ({@code {"error": {...}}}, docs/errors-format.md), so a script reading stdout always gets a
 * parseable answer. A stack trace only with {@code --verbose}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final Redactor redactor;

  ErrorReporter(Redactor redactor) {
    this.redactor = redactor;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String hint = "run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage";
    ErrorReport report = ErrorReport.badArguments(message(ex), hint).redacted(redactor);
    err.println("error: " + report.message());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("hint: " + hint);
    err.flush();
    printDocument(cmd, args, report);
    return report.code().code();
  }

  /**
   * picocli's own message; some (mutually exclusive options) start with "Error: ", which would
   * print as {@code error: Error: ...}.
   */
  static String message(ParameterException ex) {
    String m = ex.getMessage() == null ? "bad arguments" : ex.getMessage();
    return m.regionMatches(true, 0, "Error: ", 0, 7) ? m.substring(7) : m;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    boolean verbose = GlobalOptions.resolve(cmd.getCommandSpec()).verbose();
    ErrorReport report = ErrorReport.of(ex).redacted(redactor);
    print(report, err);
    if (verbose) {
      java.io.StringWriter trace = new java.io.StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      err.print(redactor.redact(trace.toString()));
    }
    err.flush();
    printDocument(cmd, parseResult == null ? new String[0] : originalArgs(parseResult), report);
    return report.code().code();
  }

  static void print(ErrorReport r, PrintWriter err) {
    // Every problem of a stack file, one per line, so all can be fixed in one edit.
    r.warnings().forEach(w -> err.println("warning: " + w.format()));
    if (r.problems().isEmpty()) {
      err.println("error: " + r.message());
    } else {
      r.problems().forEach(p -> err.println("error: " + p.format()));
    }
    if (r.hint() != null) {
      err.println("hint: " + r.hint());
    }
  }

  /** With {@code -o json|yaml}: the error as that document on stdout. */
  private static void printDocument(CommandLine cmd, String[] args, ErrorReport r) {
    OutputFormat format = OutputOptions.requested(cmd, args);
    if (format == OutputFormat.TEXT) {
      return;
    }
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode e = root.putObject("error");
    e.put("code", r.code().code());
    e.put("message", r.message());
    e.put("location", r.location());
    e.put("hint", r.hint());
    problems(e.putArray("problems"), r.problems());
    problems(e.putArray("warnings"), r.warnings());
    PrintWriter out = cmd.getOut();
    out.print(format == OutputFormat.JSON ? Json.write(root) + "\n" : Json.yaml(root));
    out.flush();
  }

  private static void problems(ArrayNode array, List<Problem> problems) {
    for (Problem p : problems) {
      ObjectNode n = array.addObject();
      n.put("file", p.file());
      n.put("line", p.line());
      n.put("column", p.column());
      n.put("path", p.path());
      n.put("message", p.message());
    }
  }

  private static String[] originalArgs(ParseResult parseResult) {
    ParseResult root = parseResult;
    return root.originalArgs().toArray(String[]::new);
  }
}
