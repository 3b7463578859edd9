package dev.ollamastack.app;

import dev.ollamastack.apply.ProgressListener;
import dev.ollamastack.config.LoadedStack;

/**
 * What {@link ApplyStack} tells the one running it, in order: the stack file was loaded, the plan
 * was made, then the progress of each action. The CLI prints them; a controller logs them.
 */
public interface ApplyListener {
  /** The stack file passed validation (its warnings are in {@code loaded}). */
  default void loaded(LoadedStack loaded) {}

  /** The plan, before anything is changed. */
  default void planned(PlannedStack planned) {}

  /** Something the user should know that is not a problem (the lock file was written). */
  default void notice(String message) {}

  /** Something that went wrong without failing the run (the lock file could not be written). */
  default void warning(String message) {}

  /** Progress of the actions as they run. */
  default ProgressListener progress() {
    return ProgressListener.NONE;
  }
}
