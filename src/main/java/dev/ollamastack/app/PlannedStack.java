package dev.ollamastack.app;

import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.lock.StackLock;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.observe.Fingerprint;
import dev.ollamastack.plan.Plan;
import java.nio.file.Path;

/**
 * Everything one planning pass saw and decided.
 *
 * @param lockFile where the stack's lock file is (it may not exist yet)
 * @param lock the pins planned with: the lock file's, or {@code update}'s new ones
 */
public record PlannedStack(
    LoadedStack loaded,
    StackSpec spec,
    PlatformChoice platform,
    Path stateDir,
    EngineInfo engine,
    DesiredState desired,
    ObservedState observed,
    Plan plan,
    Path lockFile,
    StackLock lock) {

  /** The same pass with another plan (cleanup and uninstall plan from the same observation). */
  public PlannedStack withPlan(Plan p) {
    return new PlannedStack(
        loaded, spec, platform, stateDir, engine, desired, observed, p, lockFile, lock);
  }

  /**
   * The digest of what the plan was made against, computed when asked: only a saved plan and the
   * apply history record it, so {@code status} and a plain {@code plan} do not digest every
   * container's wiring.
   */
  public String fingerprint() {
    return Fingerprint.of(desired, observed);
  }
}
