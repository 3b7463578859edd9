package dev.ollamastack.app;

import dev.ollamastack.model.Platform;
import dev.ollamastack.plan.Overrides;
import java.nio.file.Path;

/**
 * What to plan.
 *
 * @param file {@code -f} value or {@code null}
 * @param platform {@code --platform} value or {@code null} for the stack file's
 * @param createSecrets whether missing secrets may be generated now (apply) or must not (plan)
 */
public record PlanRequest(
    Path file, Platform platform, Overrides overrides, boolean createSecrets) {}
