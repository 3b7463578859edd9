package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.StackLoader;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.ToolVersion;
import dev.ollamastack.plan.Plan;
import dev.ollamastack.plan.render.StackRenderer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive's training: what it runs must be the path of an installation that exists. */
class CdsTrainingCommandTest {
  @Test
  void theEmbeddedStackAsAppliedPlansNothing(@TempDir Path dir) {
    LoadedStack loaded = new StackLoader(Map.of(), dir).load(null);
    DesiredState desired =
        new StackRenderer(ToolVersion.get())
            .render(loaded.spec().withPlatform(Platform.CPU), new Secrets("x", "y"), 2, "/tmp/x");

    Plan plan = CdsTrainingCommand.planAsApplied(desired);

    // every container, the network and the volumes were matched as they exist (the drift and
    // dependents checks ran, the path of an installation that exists) and found in sync
    assertThat(plan.matches()).hasSizeGreaterThanOrEqualTo(desired.containers().size());
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.blockers()).isEmpty();
  }
}
