package dev.ollamastack.app.backup;

import dev.ollamastack.app.ApplyStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a restore did.
 *
 * @param volumes the volumes whose data was replaced
 * @param downtime from stopping the services to the end of the apply, or {@code null} when none ran
 * @param savedStackFile where the stack file that was replaced was kept, or {@code null}
 * @param apply how the apply after the switch went
 * @param modelProblems models of a {@code --models list} backup that could not be pulled again, or
 *     that came back with another digest
 */
public record RestoreOutcome(
    List<String> volumes,
    long bytes,
    Duration elapsed,
    Duration downtime,
    Path savedStackFile,
    ApplyStack.Result apply,
    List<String> modelProblems,
    List<String> warnings) {

  public RestoreOutcome {
    volumes = List.copyOf(volumes);
    modelProblems = List.copyOf(modelProblems);
    warnings = List.copyOf(warnings);
  }
}
