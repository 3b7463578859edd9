package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.ApplyListener;
import dev.ollamastack.app.ApplyStack;
import dev.ollamastack.app.Confirmation;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.UpdateIntent;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeHost;
import dev.ollamastack.testsupport.FakeImages;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** update, cleanup, uninstall and apply --locked through the CLI, in-process, without a TTY. */
class LifecycleCommandsTest {
  @TempDir Path dir;
  final FakeDockerEngine engine = new FakeDockerEngine();

  AppContext ctx() {
    return new AppContext(Map.of(), dir, dir.resolve("home"), false, () -> engine, new FakeHost());
  }

  CliRun run(String... args) {
    return CliRun.run(Main.commandLine(ctx(), false), args);
  }

  @BeforeEach
  void convergedWithALock() throws Exception {
    Files.writeString(
        dir.resolve("ollama-stack.yaml"),
        "apiVersion: ollama-stack/v1\nkind: Stack\nspec:\n  platform: cpu\n");
    Converged.apply(ctx(), engine);
    CliRun first = run("apply", "--yes"); // converged already: writes the first lock
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("Wrote " + dir.resolve("ollama-stack.lock"));
    engine.clearMutations();
  }

  @Test
  void planShowsTheDigestEachImageIsPinnedTo() {
    CliRun plan = run("plan");
    assertThat(plan.out())
        .contains("Lock: " + dir.resolve("ollama-stack.lock"))
        .containsPattern(
            "image ollama/ollama:latest +"
                + java.util.regex.Pattern.quote(
                    dev.ollamastack.model.ImageRef.shortDigest(
                        FakeImages.digest("ollama/ollama:latest#1"))));
  }

  @Test
  void withoutATerminalCleanupNeedsYesAndUninstallNeedsForce() {
    engine.images().publish("ollama/ollama:latest", FakeImages.digest("v2"));
    // Updated through the intent: behind a fake engine no container answers a readiness probe.
    new ApplyStack(ctx(), new PlatformResolver(ctx().host()), Converged.RUNNERS)
        .run(
            new ApplyStack.Request(
                null,
                null,
                Overrides.NONE,
                Duration.ZERO,
                Duration.ofSeconds(2),
                false,
                false,
                null,
                new UpdateIntent(Set.of(), false, false)),
            Confirmation.ALWAYS,
            new ApplyListener() {});
    engine.clearMutations();
    CliRun cleanup = run("cleanup");
    assertThat(cleanup.exitCode()).isEqualTo(5);
    assertThat(cleanup.out()).contains("- image ollama/ollama@");
    assertThat(cleanup.err())
        .contains("error: confirmation needed but stdin is not a terminal")
        .contains("hint: review the plan above, then run again with --yes (-y)");
    CliRun uninstall = run("uninstall", "--remove-volumes");
    assertThat(uninstall.exitCode()).isEqualTo(5);
    assertThat(uninstall.err()).contains("run again with --force");
    CliRun dry = run("uninstall", "--all", "--dry-run");
    assertThat(dry.exitCode()).isZero();
    assertThat(dry.out()).contains("(DATA IS DELETED)").contains("- config ");
    assertThat(engine.mutations()).isEmpty();
    CliRun done = run("cleanup", "--yes");
    assertThat(done.exitCode()).as(done.err()).isZero();
    assertThat(done.out()).contains("Cleanup complete: 1 actions done");
  }

  @Test
  void updateCheckExits2WhenATagMovedAndPrintsJsonForScripts() throws Exception {
    CliRun same = run("update", "--check");
    assertThat(same.exitCode()).isZero();
    assertThat(same.out()).contains("Everything is up to date.");
    engine.images().publish("ghcr.io/open-webui/open-webui:main", FakeImages.digest("w2"));
    CliRun newer = run("update", "--check", "webui");
    assertThat(newer.exitCode()).isEqualTo(2);
    assertThat(newer.out()).contains("ghcr.io/open-webui/open-webui:main NEWER: ");
    JsonNode json = new ObjectMapper().readTree(run("update", "--check", "-o", "json").out());
    assertThat(json.path("images").findValuesAsText("status")).contains("NEWER", "UP_TO_DATE");
    assertThat(run("update", "--check", "nope").exitCode()).isEqualTo(3);
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void applyLockedRefusesWithoutALock() throws Exception {
    Files.delete(dir.resolve("ollama-stack.lock"));
    CliRun r = run("apply", "--locked", "--yes");
    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.err()).contains("error: --locked: there is no lock file");
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void aTerminalAnswerIsConsentOnlyWhenItIsExactlyTheName() {
    StringWriter prompts = new StringWriter();
    TerminalConfirmation terminal =
        new TerminalConfirmation(
            true,
            new PrintWriter(prompts),
            new ByteArrayInputStream(
                "y\nOllama-stack\nollama-stack\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(terminal.ask("Uninstall?")).isEqualTo(Confirmation.Answer.YES);
    assertThat(terminal.askToType("Type the name:", "ollama-stack"))
        .isEqualTo(Confirmation.Answer.NO);
    assertThat(terminal.askToType("Type the name:", "ollama-stack"))
        .isEqualTo(Confirmation.Answer.YES);
    assertThat(prompts.toString()).contains("Type the name: ");
    TerminalConfirmation none =
        new TerminalConfirmation(
            false, new PrintWriter(prompts), new ByteArrayInputStream(new byte[0]));
    assertThat(none.askToType("Type the name:", "x")).isEqualTo(Confirmation.Answer.UNAVAILABLE);
  }
}
