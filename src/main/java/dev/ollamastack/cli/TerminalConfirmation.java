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
  private BufferedReader reader;

  TerminalConfirmation(boolean interactive, PrintWriter out, InputStream in) {
    this.interactive = interactive;
    this.out = out;
    this.in = in;
  }

  @Override
  public Answer ask(String question) {
    String a = read(question + " Only 'yes' or 'y' is accepted: ");
    if (a == null) {
      return Answer.UNAVAILABLE;
    }
    a = a.toLowerCase(Locale.ROOT);
    return a.equals("yes") || a.equals("y") ? Answer.YES : Answer.NO;
  }

  /** Only the exact word is consent (case matters: installation names are lower case). */
  @Override
  public Answer askToType(String question, String expected) {
    String a = read(question + " ");
    return a == null ? Answer.UNAVAILABLE : a.equals(expected) ? Answer.YES : Answer.NO;
  }

  /** The trimmed line typed, "" at end of input, null when nobody can be asked. */
  private String read(String prompt) {
    if (!interactive) {
      return null;
    }
    out.print("\n" + prompt);
    out.flush();
    try {
      String answer = reader().readLine();
      return answer == null ? "" : answer.trim();
    } catch (IOException e) {
      return null;
    }
  }

  // One reader for every question: a second one would lose what the first buffered.
  private BufferedReader reader() {
    if (reader == null) {
      reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return reader;
  }
}
