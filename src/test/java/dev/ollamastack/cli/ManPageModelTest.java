package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Every documented command renders as a man page. picocli reads descriptions as format strings, so
 * a bare {@code %s} in a description breaks the release build's man pages: caught here, in the fast
 * suite, instead of at packaging time.
 */
class ManPageModelTest {
  @Test
  void everyDocumentedCommandRendersAManPage() throws Exception {
    for (CommandLine cmd : CommandModel.documented()) {
      StringWriter page = new StringWriter();
      try (PrintWriter w = new PrintWriter(page)) {
        ManPageGenerator.writeSingleManPage(w, cmd.getCommandSpec());
      }
      assertThat(page.toString())
          .as(cmd.getCommandSpec().qualifiedName())
          .contains("== Name")
          .contains("== Synopsis");
    }
  }
}
