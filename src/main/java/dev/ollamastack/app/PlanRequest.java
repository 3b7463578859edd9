package dev.ollamastack.app;

import dev.ollamastack.lock.StackLock;
import dev.ollamastack.model.Platform;
import dev.ollamastack.plan.Overrides;
import java.nio.file.Path;

/**
 * What to plan.
 *
 * @param file {@code -f} value or {@code null}
 * @param platform {@code --platform} value or {@code null} for the stack file's
 * @param createSecrets whether missing secrets may be generated now (apply) or must not (plan)
 * @param lock the pins to plan with ({@code update}'s new digests), or {@code null} for those of
 *     the lock file
 */
public record PlanRequest(
    Path file, Platform platform, Overrides overrides, boolean createSecrets, StackLock lock) {

  public PlanRequest(Path file, Platform platform, Overrides overrides, boolean createSecrets) {
    this(file, platform, overrides, createSecrets, null);
  }

  public PlanRequest withLock(StackLock l) {
    return new PlanRequest(file, platform, overrides, createSecrets, l);
  }

  public PlanRequest withOverrides(Overrides o) {
    return new PlanRequest(file, platform, o, createSecrets, lock);
  }
}
