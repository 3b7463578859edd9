package dev.ollamastack.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.ValidateStack;
import dev.ollamastack.config.Problem;
import dev.ollamastack.model.ExitCode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ollama-stack validate}: check the stack file; exit 0 when valid, 3 when not. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check the stack file against the schema and the rules, reporting every problem at its"
          + " line and column. Never contacts Docker."
    })
final class ValidateCommand extends CommandSupport implements Callable<Integer> {
  /** json and yaml: {valid, file, problems[]}. */
  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    AppContext context = context();
    ValidateStack.Report report =
        new ValidateStack(context).run(GlobalOptions.resolve(spec).file());
    if (!output.text()) {
      output.printDocument(spec.commandLine().getOut(), document(report));
    } else if (report.valid()) {
      printText(report);
    } else {
      throw report.failure(); // ErrorReporter lists every problem and the hint
    }
    return report.valid() ? 0 : ExitCode.INVALID_INPUT.code();
  }

  private void printText(ValidateStack.Report report) {
    PrintWriter err = spec.commandLine().getErr();
    report.warnings().forEach(w -> err.println("warning: " + w.format()));
    err.flush();
    spec.commandLine()
        .getOut()
        .printf("%s: valid (installation \"%s\")%n", report.file(), report.loaded().spec().name());
  }

  private static ObjectNode document(ValidateStack.Report report) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("valid", report.valid());
    root.put("file", report.file());
    ArrayNode problems = root.putArray("problems");
    add(problems, report.errors(), "error");
    add(problems, report.warnings(), "warning");
    return root;
  }

  private static void add(ArrayNode array, List<Problem> problems, String severity) {
    for (Problem p : problems) {
      ObjectNode n = array.addObject();
      n.put("path", p.path().isEmpty() ? null : p.path());
      n.put("line", p.located() ? p.line() : null);
      n.put("column", p.located() ? p.column() : null);
      n.put("message", p.message());
      n.put("severity", severity);
    }
  }
}
