package dev.ollamastack.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamastack.model.ExitCode;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.plan.PlanDocument;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeHost;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused apply changes nothing anywhere (issue #17 point 8): no secrets file, no lock file, no
 * history line, no state directory; and a saved plan goes stale only for its own installation.
 */
class RefusalsWriteNothingTest {
  @TempDir Path dir;
  final FakeDockerEngine engine =
      new FakeDockerEngine()
          .withImages(
              "ollama/ollama:latest",
              "ghcr.io/open-webui/open-webui:main",
              "ghcr.io/open-webui/mcpo:main");

  AppContext ctx() {
    return new AppContext(Map.of(), dir, dir.resolve("home"), false, () -> engine, new FakeHost());
  }

  ApplyStack.Result apply(boolean confirm, Confirmation answer, PlanDocument saved) {
    return new ApplyStack(ctx(), new PlatformResolver(ctx().host()), Converged.RUNNERS)
        .run(
            new ApplyStack.Request(
                null,
                null,
                Overrides.NONE,
                Duration.ZERO,
                Duration.ofSeconds(2),
                confirm,
                false,
                saved),
            answer,
            new ApplyListener() {});
  }

  /**
   * What the state directory holds, the validation cache aside: every command that reads the stack
   * (validate included) may note there that its contents passed the schema; it holds digests, no
   * state of the installation.
   */
  List<String> written() throws IOException {
    Path home = dir.resolve("home");
    if (!Files.exists(home)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(home)) {
      return s.map(p -> home.relativize(p).toString())
          .filter(p -> !p.isEmpty())
          .filter(p -> !p.endsWith("/validated.json"))
          .sorted()
          .toList();
    }
  }

  @Test
  void noConfirmationWritesNothingAtAllOnAFreshMachine() throws IOException {
    assertThatThrownBy(() -> apply(true, q -> Confirmation.Answer.UNAVAILABLE, null))
        .isInstanceOf(ToolException.class)
        .extracting(e -> ((ToolException) e).exitCode())
        .isEqualTo(ExitCode.REFUSED);
    assertThat(written()).isEmpty();
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void aCancelledApplyWritesNothing() throws IOException {
    assertThatThrownBy(() -> apply(true, q -> Confirmation.Answer.NO, null))
        .hasMessageContaining("cancelled: nothing was changed");
    assertThat(written()).isEmpty();
  }

  @Test
  void aHeldLockRefusesWithoutASecretsFileOrAHistoryLine() throws Exception {
    Path lockFile = Files.createDirectories(dir.resolve("home/ollama-stack")).resolve("apply.lock");
    try (FileChannel ch =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      // The lock of another process: this JVM's own second tryLock would throw, not wait.
      assertThatThrownBy(() -> apply(false, Confirmation.ALWAYS, null))
          .isInstanceOf(ToolException.class);
    }
    assertThat(written()).containsExactly("ollama-stack", "ollama-stack/apply.lock");
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void aStaleSavedPlanIsRefusedWithoutAHistoryLine() throws IOException {
    apply(false, Confirmation.ALWAYS, null);
    List<String> before = written();
    String history = Files.readString(dir.resolve("home/ollama-stack/history.jsonl"));
    PlannedStack p =
        new Reconciler(ctx(), new PlatformResolver(ctx().host()))
            .plan(new PlanRequest(null, null, Overrides.NONE, false), engine);
    PlanDocument saved = SavedPlans.document(p);
    engine.stopContainer(engine.byName("ollama-stack-webui").orElseThrow().id(), Duration.ZERO);
    engine.clearMutations();
    assertThatThrownBy(() -> apply(false, Confirmation.ALWAYS, saved))
        .hasMessageContaining("saved plan is stale");
    assertThat(written()).isEqualTo(before);
    assertThat(Files.readString(dir.resolve("home/ollama-stack/history.jsonl"))).isEqualTo(history);
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void anotherInstallationsChangesDoNotMakeThisOnesSavedPlanStale() {
    apply(false, Confirmation.ALWAYS, null);
    engine.stopContainer(engine.byName("ollama-stack-webui").orElseThrow().id(), Duration.ZERO);
    PlannedStack p =
        new Reconciler(ctx(), new PlatformResolver(ctx().host()))
            .plan(new PlanRequest(null, null, Overrides.NONE, false), engine);
    PlanDocument saved = SavedPlans.document(p);
    engine.addVolume("other_ollama_data", Map.of("ollama-stack.installation", "other"));
    engine.addContainer(
        "other-ollama",
        "ollama/ollama:latest",
        FakeDockerEngine.ours("other", "ollama"),
        "running");
    ApplyStack.Result r = apply(false, Confirmation.ALWAYS, saved);
    assertThat(r).isInstanceOf(ApplyStack.Result.Applied.class);
    assertThat(((ApplyStack.Result.Applied) r).result().succeeded()).isTrue();
  }

  @Test
  void aConvergedApplyPutsBackALostSecretsFileFromTheContainers() throws IOException {
    apply(false, Confirmation.ALWAYS, null);
    Path secrets = dir.resolve("home/ollama-stack/secrets.env");
    String keys = Files.readString(secrets);
    Files.delete(secrets);
    assertThat(apply(false, Confirmation.ALWAYS, null))
        .isInstanceOf(ApplyStack.Result.NoChanges.class);
    assertThat(Files.readString(secrets)).isEqualTo(keys);
  }
}
