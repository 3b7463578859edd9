package dev.ollamastack.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamastack.lock.LockFile;
import dev.ollamastack.lock.StackLock;
import dev.ollamastack.model.ExitCode;
import dev.ollamastack.model.ImageRef;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.plan.Action;
import dev.ollamastack.plan.Overrides;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeHost;
import dev.ollamastack.testsupport.FakeImages;
import dev.ollamastack.testsupport.FakeOllama;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * apply, update, cleanup and uninstall through the apply intent and its ports, against the
 * in-memory engine and its fake registry: what the lock holds, what each run changes, and that a
 * refusal or a failure changes nothing.
 */
class ImageLifecycleTest {
  static final String OLLAMA = "ollama/ollama:latest";
  static final String V2 = FakeImages.digest("ollama v2");

  @TempDir Path dir;
  final FakeDockerEngine engine = new FakeDockerEngine();
  final List<String> notices = new ArrayList<>();
  final List<String> asked = new ArrayList<>();

  Path stack(String extra) throws Exception {
    Path file = dir.resolve("ollama-stack.yaml");
    Files.writeString(
        file,
        """
        apiVersion: ollama-stack/v1
        kind: Stack
        spec:
          platform: cpu
        %s"""
            .formatted(extra));
    return file;
  }

  Path lockFile() {
    return dir.resolve("ollama-stack.lock");
  }

  AppContext ctx() {
    return new AppContext(Map.of(), dir, dir.resolve("home"), false, () -> engine, new FakeHost());
  }

  ApplyStack.Result run(ApplyIntent intent, Confirmation confirmation, boolean dryRun) {
    return new ApplyStack(ctx(), new PlatformResolver(ctx().host()), Converged.RUNNERS)
        .run(
            new ApplyStack.Request(
                null,
                null,
                Overrides.NONE,
                Duration.ZERO,
                Duration.ofSeconds(2),
                true,
                dryRun,
                null,
                intent),
            confirmation,
            new ApplyListener() {
              @Override
              public void notice(String message) {
                notices.add(message);
              }
            });
  }

  ApplyStack.Result apply() {
    return run(new ConvergeIntent(false), Confirmation.ALWAYS, false);
  }

  ApplyStack.Result update() {
    return run(new UpdateIntent(Set.of(), false, false), Confirmation.ALWAYS, false);
  }

  Confirmation answering(Confirmation.Answer yesNo, Confirmation.Answer typed) {
    return new Confirmation() {
      @Override
      public Answer ask(String question) {
        asked.add(question);
        return yesNo;
      }

      @Override
      public Answer askToType(String question, String expected) {
        asked.add("type " + expected + ": " + question);
        return typed;
      }
    };
  }

  static ExitCode exit(Throwable t) {
    return ((ToolException) t).exitCode();
  }

  @Test
  void applyPinsWhatItPulledAndTheNextApplyChangesNothing() throws Exception {
    stack("");
    apply();
    String lock = Files.readString(lockFile());
    assertThat(lock).contains("\"" + OLLAMA + "\": \"" + FakeImages.digest(OLLAMA + "#1") + "\"");
    assertThat(notices).anyMatch(n -> n.startsWith("Wrote " + lockFile()));
    engine.clearMutations();
    assertThat(apply()).isInstanceOf(ApplyStack.Result.NoChanges.class);
    assertThat(engine.mutations()).isEmpty();
    assertThat(Files.readString(lockFile())).isEqualTo(lock);
  }

  @Test
  void anUnchangedRegistryUpdatesNothing() throws Exception {
    stack("");
    apply();
    String lock = Files.readString(lockFile());
    engine.clearMutations();
    assertThat(update()).isInstanceOf(ApplyStack.Result.NoChanges.class);
    assertThat(engine.mutations()).allMatch(m -> m.startsWith("pull "));
    assertThat(Files.readString(lockFile())).isEqualTo(lock);
    assertThat(notices)
        .anyMatch(
            n ->
                n.equals(
                    "image "
                        + OLLAMA
                        + ": up to date ("
                        + ImageRef.shortDigest(FakeImages.digest(OLLAMA + "#1"))
                        + ")"));
  }

  @Test
  void updateRecreatesOnlyWhatMovedWithTheDigestsAsReason() throws Exception {
    stack("");
    apply();
    engine.images().publish(OLLAMA, V2);
    UpdateCheck.Report check =
        new UpdateCheck(ctx(), new PlatformResolver(ctx().host())).run(null, null, Set.of(), false);
    assertThat(check.newer()).isTrue();
    assertThat(check.images())
        .filteredOn(i -> i.status() == UpdateCheck.Status.NEWER)
        .extracting(UpdateCheck.ImageStatus::reference)
        .containsExactly(OLLAMA);
    engine.clearMutations();
    ApplyStack.Result r = update();
    List<Action> actions = r.planned().plan().actions();
    assertThat(actions).hasSize(1);
    Action.RecreateContainer recreate = (Action.RecreateContainer) actions.get(0);
    assertThat(recreate.spec().name()).isEqualTo("ollama-stack-ollama");
    assertThat(recreate.reasons())
        .containsExactly(
            "image "
                + OLLAMA
                + " "
                + ImageRef.shortDigest(FakeImages.digest(OLLAMA + "#1"))
                + " → "
                + ImageRef.shortDigest(V2));
    assertThat(recreate.spec().imageReference()).isEqualTo("ollama/ollama@" + V2);
    assertThat(engine.mutations())
        .contains("create ollama-stack-ollama")
        .doesNotContain("create ollama-stack-webui", "create ollama-stack-mcp-proxy");
    assertThat(Files.readString(lockFile())).contains("\"" + OLLAMA + "\": \"" + V2 + "\"");
    assertThat(
            new UpdateCheck(ctx(), new PlatformResolver(ctx().host()))
                .run(null, null, Set.of(), false)
                .newer())
        .isFalse();
  }

  @Test
  void aRegistryFailureChangesNothingAndLeavesTheLock() throws Exception {
    stack("");
    apply();
    String lock = Files.readString(lockFile());
    engine.images().publish(OLLAMA, V2);
    engine.images().registryError = "Get \"http://registry/v2/\": connection refused";
    engine.clearMutations();
    assertThatThrownBy(this::update)
        .satisfies(e -> assertThat(exit(e)).isEqualTo(ExitCode.FAILED))
        .hasMessageContaining("update: ")
        .hasMessageContaining("connection refused");
    assertThat(engine.mutations()).allMatch(m -> m.startsWith("pull "));
    assertThat(Files.readString(lockFile())).isEqualTo(lock);
    assertThatThrownBy(
            () ->
                new UpdateCheck(ctx(), new PlatformResolver(ctx().host()))
                    .run(null, null, Set.of(), false))
        .satisfies(e -> assertThat(exit(e)).isEqualTo(ExitCode.FAILED));
  }

  @Test
  void aDeclinedOrDryRunUpdateLeavesTheLockAndTheContainers() throws Exception {
    stack("");
    apply();
    String lock = Files.readString(lockFile());
    engine.images().publish(OLLAMA, V2);
    engine.clearMutations();
    ApplyStack.Result dry = run(new UpdateIntent(Set.of(), false, true), Confirmation.ALWAYS, true);
    assertThat(dry).isInstanceOf(ApplyStack.Result.DryRun.class);
    assertThat(dry.planned().plan().actions())
        .extracting(a -> a.key().toString())
        .containsExactly("image:" + OLLAMA, "container:ollama-stack-ollama");
    assertThat(engine.mutations()).as("a dry run pulls nothing").isEmpty();
    assertThatThrownBy(
            () ->
                run(
                    new UpdateIntent(Set.of(), false, false),
                    answering(Confirmation.Answer.NO, Confirmation.Answer.NO),
                    false))
        .satisfies(e -> assertThat(exit(e)).isEqualTo(ExitCode.REFUSED));
    assertThat(engine.mutations()).allMatch(m -> m.startsWith("pull "));
    assertThat(Files.readString(lockFile())).isEqualTo(lock);
  }

  @Test
  void aTagThatMovedDoesNotRecreateOnAPlainApply() throws Exception {
    stack("");
    apply();
    engine.images().publish(OLLAMA, V2);
    engine.images().pull(OLLAMA); // someone ran 'docker pull': the local tag moved too
    engine.clearMutations();
    assertThat(apply()).isInstanceOf(ApplyStack.Result.NoChanges.class);
    assertThat(engine.mutations()).isEmpty();
  }

  @Test
  void applyLockedNeedsALockThatCoversTheStackAndNeverRewritesIt() throws Exception {
    stack("");
    assertThatThrownBy(() -> run(new ConvergeIntent(true), Confirmation.ALWAYS, false))
        .satisfies(e -> assertThat(exit(e)).isEqualTo(ExitCode.REFUSED))
        .hasMessageContaining("--locked: there is no lock file " + lockFile());
    assertThat(engine.mutations()).isEmpty();
    assertThat(dir.resolve("home/ollama-stack/secrets.env")).doesNotExist();
    apply();
    stack("  services:\n    webui:\n      image: ghcr.io/open-webui/open-webui:v9\n");
    engine.clearMutations();
    assertThatThrownBy(() -> run(new ConvergeIntent(true), Confirmation.ALWAYS, false))
        .satisfies(e -> assertThat(exit(e)).isEqualTo(ExitCode.REFUSED))
        .hasMessageContaining("no pin for image ghcr.io/open-webui/open-webui:v9");
    assertThat(engine.mutations()).isEmpty();
    stack("");
    String marked = Files.readString(lockFile()).replace("toolVersion: \"", "toolVersion: \"x");
    Files.writeString(lockFile(), marked);
    engine.removeContainer(engine.byName("ollama-stack-ollama").orElseThrow().id());
    assertThat(run(new ConvergeIntent(true), Confirmation.ALWAYS, false))
        .isInstanceOf(ApplyStack.Result.Applied.class);
    assertThat(Files.readString(lockFile())).isEqualTo(marked);
  }

  @Test
  void cleanupRemovesTheOldDigestOnlyAndNeedsConsent() throws Exception {
    stack("");
    apply();
    String old = "ollama/ollama@" + FakeImages.digest(OLLAMA + "#1");
    engine.images().publish(OLLAMA, V2);
    update();
    engine.clearMutations();
    assertThatThrownBy(
            () ->
                run(
                    new CleanupIntent(false),
                    answering(Confirmation.Answer.UNAVAILABLE, Confirmation.Answer.UNAVAILABLE),
                    false))
        .satisfies(e -> assertThat(exit(e)).isEqualTo(ExitCode.REFUSED));
    assertThat(engine.mutations()).isEmpty();
    ApplyStack.Result r = run(new CleanupIntent(false), Confirmation.ALWAYS, false);
    assertThat(r.planned().plan().actions())
        .extracting(a -> a.key().toString())
        .containsExactly("image:" + old);
    assertThat(engine.mutations()).containsExactly("remove image " + old);
    assertThat(engine.images().references()).doesNotContain(old).contains("ollama/ollama@" + V2);
    assertThat(run(new CleanupIntent(false), Confirmation.ALWAYS, false))
        .isInstanceOf(ApplyStack.Result.NoChanges.class);
  }

  @Test
  void uninstallAsksTwiceWhenVolumesGoAndAWrongNameChangesNothing() throws Exception {
    stack("");
    apply();
    engine.clearMutations();
    assertThatThrownBy(
            () ->
                run(
                    new UninstallIntent(true, false, false),
                    answering(Confirmation.Answer.YES, Confirmation.Answer.NO),
                    false))
        .satisfies(e -> assertThat(exit(e)).isEqualTo(ExitCode.REFUSED));
    assertThat(asked)
        .containsExactly(
            "Uninstall installation \"ollama-stack\" as shown above?",
            "type ollama-stack: The volumes above hold your models, chats and settings and are"
                + " deleted for good. Type the installation name to confirm:");
    assertThat(engine.mutations()).isEmpty();
    asked.clear();
    assertThatThrownBy(
            () ->
                run(
                    new UninstallIntent(false, false, false),
                    answering(Confirmation.Answer.UNAVAILABLE, Confirmation.Answer.UNAVAILABLE),
                    false))
        .satisfies(e -> assertThat(exit(e)).isEqualTo(ExitCode.REFUSED))
        .satisfies(e -> assertThat(((ToolException) e).hint()).contains("--force"));
    assertThat(asked).hasSize(1);
    assertThat(engine.mutations()).isEmpty();
    run(
        new UninstallIntent(false, false, false),
        answering(Confirmation.Answer.YES, Confirmation.Answer.NO),
        false);
    assertThat(engine.mutations())
        .noneMatch(m -> m.startsWith("remove volume") || m.startsWith("remove image"));
    assertThat(engine.listVolumes(Map.of()))
        .extracting(v -> v.name())
        .contains("ollama-stack_ollama_data", "ollama-stack_webui_data");
  }

  @Test
  void uninstallAllRemovesTheStacksImagesAndStateButKeepsBackupsInside() throws Exception {
    stack("  backup:\n    directory: home/ollama-stack/backups\n");
    apply();
    Path backups = Files.createDirectories(dir.resolve("home/ollama-stack/backups"));
    Files.writeString(backups.resolve("b1.tar"), "backup");
    engine.images().references().forEach(r -> assertThat(r).isNotBlank());
    ApplyStack.Result r = run(new UninstallIntent(true, true, true), Confirmation.ALWAYS, false);
    Action.RemoveConfig config =
        (Action.RemoveConfig)
            r.planned().plan().actions().get(r.planned().plan().actions().size() - 1);
    assertThat(config.kept()).containsExactly(backups.toString());
    assertThat(engine.images().references()).isEmpty();
    assertThat(engine.listVolumes(Map.of())).isEmpty();
    assertThat(backups.resolve("b1.tar")).hasContent("backup");
    assertThat(dir.resolve("home/ollama-stack/secrets.env")).doesNotExist();
    assertThat(lockFile()).as("the lock beside the stack file is the user's").exists();
  }

  @Test
  void updateModelsPullsThemAgainAndPinsWhatOllamaReportsNow() throws Exception {
    try (FakeOllama ollama = new FakeOllama()) {
      ollama.pullable("llama3.2:1b", 1000);
      stack(
          "  services:\n    ollama:\n      port: %d\n      models: [llama3.2:1b]\n"
              .formatted(ollama.port()));
      apply();
      String v0 = ollama.digest("llama3.2:1b");
      assertThat(Files.readString(lockFile())).contains("\"llama3.2:1b\": \"" + v0 + "\"");
      ollama.republish("llama3.2:1b");
      ApplyStack.Result r =
          run(
              new UpdateIntent(Set.of(), true, false, UpdateBackup.NONE, m -> "sha256:moved"),
              Confirmation.ALWAYS,
              false);
      assertThat(r.planned().plan().actions())
          .extracting(a -> a.key().toString())
          .containsExactly("model:llama3.2:1b");
      String v1 = ollama.digest("llama3.2:1b");
      assertThat(v1).isNotEqualTo(v0);
      assertThat(LockFile.read(lockFile()).orElseThrow().models()).containsEntry("llama3.2:1b", v1);
      assertThat(notices)
          .contains(
              "model llama3.2:1b: " + ImageRef.shortDigest(v0) + " → " + ImageRef.shortDigest(v1));
    }
  }

  @Test
  void updateModelsLeavesAModelItsRegistryServesUnchangedAndPullsWhenItCannotTell()
      throws Exception {
    try (FakeOllama ollama = new FakeOllama()) {
      ollama.pullable("llama3.2:1b", 1000);
      ollama.pullable("qwen3:0.6b", 1000);
      stack(
          "  services:\n    ollama:\n      port: %d\n      models: [llama3.2:1b, qwen3:0.6b]\n"
              .formatted(ollama.port()));
      apply();
      String same = "sha256:" + ollama.digest("llama3.2:1b");
      ModelDigests registries =
          m -> {
            if (m.equals("llama3.2:1b")) {
              return same;
            }
            throw new java.io.IOException("registry.ollama.ai is unreachable (offline)");
          };
      ApplyStack.Result r =
          run(
              new UpdateIntent(Set.of(), true, false, UpdateBackup.NONE, registries),
              Confirmation.ALWAYS,
              false);
      assertThat(r.planned().plan().actions())
          .extracting(a -> a.key().toString())
          .containsExactly("model:qwen3:0.6b");
      assertThat(notices)
          .contains(
              "model llama3.2:1b: up to date ("
                  + ImageRef.shortDigest(same)
                  + "): not pulled again")
          .anyMatch(n -> n.startsWith("model qwen3:0.6b: registry.ollama.ai is unreachable"));
    }
  }

  /** Records what update asks of its backup port, and the lock on disk when it is asked. */
  final class RecordingBackup implements UpdateBackup {
    final List<String> calls = new ArrayList<>();
    StackLock previous;
    String lockOnDisk;

    @Override
    public java.util.Optional<String> planned(PlannedStack planned, WebuiChange change) {
      calls.add("planned " + change.reference());
      return java.util.Optional.of("first: back up webui's volume");
    }

    @Override
    public void beforeUpdate(
        PlannedStack planned,
        dev.ollamastack.engine.DockerEngine engine,
        StackLock previous,
        WebuiChange change,
        ApplyListener listener) {
      calls.add(
          "before " + (change == null ? "(no backup)" : change.from() + " -> " + change.to()));
      this.previous = previous;
      try {
        lockOnDisk = Files.readString(lockFile());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @Test
  void aWebuiImageChangeAsksForTheBackupStepAndTakesItBeforeTheNewLock() throws Exception {
    String webui = dev.ollamastack.model.ServiceSpec.WEBUI_IMAGE;
    stack("");
    apply();
    String lock = Files.readString(lockFile());
    String v1 = FakeImages.digest(webui + "#1");
    String v2 = FakeImages.digest("webui v2");
    engine.images().publish(webui, v2);
    RecordingBackup backup = new RecordingBackup();
    ApplyStack.Result r =
        run(new UpdateIntent(Set.of(), false, false, backup), Confirmation.ALWAYS, false);
    Action.RecreateContainer recreate =
        (Action.RecreateContainer) r.planned().plan().actions().get(0);
    assertThat(recreate.spec().name()).isEqualTo("ollama-stack-webui");
    assertThat(recreate.reasons().get(0)).isEqualTo("first: back up webui's volume");
    // planned once for consent and once more under the installation lock, taken once, last
    assertThat(backup.calls).containsOnly("planned " + webui, "before " + v1 + " -> " + v2);
    assertThat(backup.calls).filteredOn(c -> c.startsWith("before")).hasSize(1);
    assertThat(backup.calls.get(backup.calls.size() - 1)).startsWith("before ");
    assertThat(backup.lockOnDisk).as("taken before the new lock is written").isEqualTo(lock);
    assertThat(backup.previous.images()).containsEntry(webui, v1);
    assertThat(Files.readString(lockFile())).contains("\"" + webui + "\": \"" + v2 + "\"");
  }

  @Test
  void anUpdateThatLeavesWebuiTellsThePortNoBackupIsTaken() throws Exception {
    stack("");
    apply();
    engine.images().publish(OLLAMA, V2);
    RecordingBackup backup = new RecordingBackup();
    ApplyStack.Result r =
        run(new UpdateIntent(Set.of(), false, false, backup), Confirmation.ALWAYS, false);
    assertThat(r).isInstanceOf(ApplyStack.Result.Applied.class);
    assertThat(backup.calls).containsExactly("before (no backup)");
  }
}
