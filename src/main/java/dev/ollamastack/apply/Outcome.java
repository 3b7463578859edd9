package dev.ollamastack.apply;

/** What happened to one action. */
public sealed interface Outcome {
  record Done(String detail) implements Outcome {}

  record Skipped(String reason) implements Outcome {}

  record Failed(String error) implements Outcome {}
}
