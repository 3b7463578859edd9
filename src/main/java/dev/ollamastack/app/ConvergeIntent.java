package dev.ollamastack.app;

import dev.ollamastack.apply.ApplyResult;
import dev.ollamastack.config.SecretStore;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.lock.LockFile;
import dev.ollamastack.lock.StackLock;
import dev.ollamastack.model.ObservedState;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.observe.StateObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * Converge to the stack file ({@code apply}, {@code start}, {@code stop}, {@code restart}) with the
 * images pinned by the lock file, then pin what now runs.
 *
 * @param locked {@code apply --locked}: the lock file must exist and pin every image and model of
 *     the stack (else exit 5 before anything changes), and it is never rewritten
 */
public record ConvergeIntent(boolean locked) implements ApplyIntent {

  @Override
  public PlannedStack plan(Planning p) {
    if (!locked) {
      return p.reconciler().plan(p.loaded(), p.request(), p.engine());
    }
    // Checked before planning may generate secrets: a refusal must leave nothing behind.
    PlanRequest noSecrets =
        new PlanRequest(p.request().file(), p.request().platform(), p.request().overrides(), false);
    PlannedStack first = p.reconciler().plan(p.loaded(), noSecrets, p.engine());
    check(first);
    boolean secretsMissing =
        new SecretStore(p.ctx().stateHome()).load(first.spec().name()).isEmpty();
    return p.request().createSecrets() && secretsMissing
        ? p.reconciler().plan(p.loaded(), p.request(), p.engine())
        : first;
  }

  @Override
  public void check(PlannedStack planned) {
    if (!locked) {
      return;
    }
    if (LockFile.read(planned.lockFile()).isEmpty()) {
      throw ToolException.refused(
          "--locked: there is no lock file " + planned.lockFile(),
          "run 'ollama-stack apply' without --locked (or 'ollama-stack update') to write it, and"
              + " commit it with the stack file");
    }
    StackLock lock = planned.lock();
    List<String> missing = new ArrayList<>();
    lock.unpinnedImages(planned.desired().imageReferences())
        .forEach(r -> missing.add("image " + r));
    lock.unpinnedModels(planned.desired().models()).forEach(m -> missing.add("model " + m));
    if (!missing.isEmpty()) {
      throw ToolException.refused(
          "--locked: the lock file "
              + planned.lockFile()
              + " does not cover the stack file: no pin for "
              + String.join(", ", missing),
          "run 'ollama-stack update' (or apply without --locked) where the stack file was changed,"
              + " and commit the lock with it");
    }
  }

  @Override
  public boolean checksEndToEnd() {
    return true;
  }

  @Override
  public void after(
      PlannedStack planned, DockerEngine engine, ApplyResult result, ApplyListener listener) {
    ObservedState now =
        result == null ? planned.observed() : new StateObserver(engine).observe(planned.desired());
    LockKeeper.afterApply(planned, now, !locked, listener);
  }
}
