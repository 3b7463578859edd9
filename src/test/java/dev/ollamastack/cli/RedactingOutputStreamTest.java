package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.config.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What {@code Main} installs as stdout and stderr: every line masked, none split or lost. */
class RedactingOutputStreamTest {
  @Test
  void aSecretWrittenInPiecesIsMaskedAndEverythingElseArrivesVerbatim() {
    Redactor r = new Redactor();
    r.register("the-secret-value");
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream out =
        new PrintStream(new RedactingOutputStream(sink, r), false, StandardCharsets.UTF_8);
    out.print("12:00 DEBUG body: {\"Env\":[\"WEBUI_SECRET_KEY=the-sec");
    out.print("ret-value\"]} é\n");
    out.print("progress 10%\rprogress 20%\r");
    out.print("Apply these changes? [y/N] ");
    out.flush();
    assertThat(sink.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "12:00 DEBUG body: {\"Env\":[\"WEBUI_SECRET_KEY=(sensitive)\"]} é\n"
                + "progress 10%\rprogress 20%\rApply these changes? [y/N] ");
  }
}
