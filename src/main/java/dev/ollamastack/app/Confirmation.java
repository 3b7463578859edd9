package dev.ollamastack.app;

/**
 * The port through which an intent asks the user to confirm a plan: the CLI reads a terminal, a
 * controller or a test answers by itself.
 */
@FunctionalInterface
public interface Confirmation {
  /** What the user said, or that nobody can be asked (no terminal). */
  enum Answer {
    YES,
    NO,
    UNAVAILABLE
  }

  Answer ask(String question);

  /**
   * Asks the user to type {@code expected} (the installation name before its data is deleted):
   * {@link Answer#YES} only when they typed exactly that. Defaults to {@link #ask} for callers that
   * answer on their own.
   */
  default Answer askToType(String question, String expected) {
    return ask(question);
  }

  /** For callers that already have the user's consent ({@code --yes}, a controller). */
  Confirmation ALWAYS = q -> Answer.YES;
}
