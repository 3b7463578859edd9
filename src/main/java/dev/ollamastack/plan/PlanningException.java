package dev.ollamastack.plan;

/**
 * The desired state cannot be planned: a dependency names no resource, two resources share a key,
 * or dependencies form a cycle. Always a bug of the tool, never of the user's input.
 */
public final class PlanningException extends IllegalStateException {
  public PlanningException(String message) {
    super(message);
  }
}
