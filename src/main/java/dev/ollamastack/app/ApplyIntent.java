package dev.ollamastack.app;

import dev.ollamastack.apply.ApplyResult;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.engine.DockerEngine;
import java.util.List;

/**
 * What one run of {@link ApplyStack} plans, asks and does around the execution: {@code apply}
 * converges to the stack file, {@code update} to new digests, {@code cleanup} removes what nothing
 * needs, {@code uninstall} destroys the installation. Everything else (lock, show, dry run,
 * confirmation, execution, history) is the same for all of them.
 */
public interface ApplyIntent {
  /** What an intent plans with. */
  record Planning(
      AppContext ctx,
      Reconciler reconciler,
      LoadedStack loaded,
      PlanRequest request,
      DockerEngine engine,
      ApplyListener listener) {}

  /**
   * The plan to show. Nothing may change here that the user has not asked for: it is made without
   * the installation lock and without creating secrets.
   */
  PlannedStack plan(Planning p);

  /**
   * The plan to run, made again once the user agreed and the installation lock is held (secrets may
   * now be created): it must have the actions of the plan shown.
   */
  default PlannedStack planLocked(Planning p) {
    return plan(p);
  }

  /** Refuses (exit 5) a plan that must not run; called before a dry run stops too. */
  default void check(PlannedStack planned) {}

  /** What to ask before anything changes, in order; every answer must be yes. */
  default List<Prompt> prompts(PlannedStack planned) {
    return List.of(new Prompt.YesNo("Apply these changes?"));
  }

  /** The flag that gives consent without a terminal, for the hint when nobody can be asked. */
  default String consentFlag() {
    return "--yes (-y)";
  }

  /** Whether the run is recorded in {@code history.jsonl} (not when it deletes the directory). */
  default boolean recordsHistory(PlannedStack planned) {
    return true;
  }

  /**
   * Whether a successful run ends with the end-to-end checks (apply's last gate): for intents that
   * leave the stack running, not for those that take it down.
   */
  default boolean checksEndToEnd() {
    return false;
  }

  /** After consent, before the first action. */
  default void beforeExecute(PlannedStack planned, ApplyListener listener) {}

  /**
   * After the actions ran, or when there was nothing to do ({@code result} null).
   *
   * @param engine still connected, to observe what the actions left
   */
  default void after(
      PlannedStack planned, DockerEngine engine, ApplyResult result, ApplyListener listener) {}

  /** A question before changes: answered yes/no, or by typing a word (the installation name). */
  sealed interface Prompt {
    record YesNo(String question) implements Prompt {}

    record TypeToConfirm(String question, String expected) implements Prompt {}
  }
}
