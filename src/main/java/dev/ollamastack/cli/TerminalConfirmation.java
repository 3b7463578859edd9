package dev.ollamastack.cli;

import dev.ollamastack.app.Confirmation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Asks on the terminal; only {@code yes} or {@code y} is consent. No terminal: nobody to ask. */
final class TerminalConfirmation implements Confirmation {
  private final boolean interactive;
  private final PrintWriter out;
  private final InputStream in;

  TerminalConfirmation(boolean interactive, PrintWriter out, InputStream in) {
    this.interactive = interactive;
    this.out = out;
    this.in = in;
  }

  @Override
  public Answer ask(String question) {
    if (!interactive) {
      return Answer.UNAVAILABLE;
    }
    out.print("\n" + question + " Only 'yes' or 'y' is accepted: ");
    out.flush();
    try {
      String answer =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      String a = answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT);
      return a.equals("yes") || a.equals("y") ? Answer.YES : Answer.NO;
    } catch (IOException e) {
      return Answer.UNAVAILABLE;
    }
  }
}
