package dev.ollamastack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.ViewConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ollama-stack config view}: the effective desired state, defaults filled in. */
@Command(
    name = "view",
    mixinStandardHelpOptions = true,
    description = {
      "Print the effective desired state: the stack file with every default filled in and"
          + " secrets masked as (sensitive). Never contacts Docker."
    })
final class ConfigViewCommand extends CommandSupport implements Callable<Integer> {
  /** text and yaml print the same YAML document. */
  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    AppContext context = context();
    ViewConfig.Effective effective =
        new ViewConfig(context).run(GlobalOptions.resolve(spec).file());
    PrintWriter err = spec.commandLine().getErr();
    effective.loaded().warnings().forEach(w -> err.println("warning: " + w.format()));
    err.flush();
    PrintWriter out = spec.commandLine().getOut();
    if (output.format == OutputFormat.JSON) {
      output.printDocument(out, effective.document());
    } else {
      out.print(yaml().writeValueAsString(effective.document()));
      out.flush();
    }
    return 0;
  }

  private static ObjectMapper yaml() {
    // Quote only where YAML needs it, and always quote "2" so it stays a string when read back.
    YAMLFactory yaml =
        YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();
    return new ObjectMapper(yaml);
  }
}
