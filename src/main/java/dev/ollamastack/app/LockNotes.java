package dev.ollamastack.app;

import dev.ollamastack.lock.StackLock;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ImageRef;
import dev.ollamastack.model.ModelNames;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.model.ObservedState;
import java.util.ArrayList;
import java.util.List;

/** What a plan must say about the lock that the planner cannot act on. */
final class LockNotes {
  private LockNotes() {}

  /**
   * Models whose digest in Ollama is not the locked one. Ollama pulls by name only, so the lock
   * cannot make it fetch the locked version: the plan says so instead of pretending.
   */
  static List<String> models(StackLock lock, DesiredState desired, ObservedState observed) {
    List<String> out = new ArrayList<>();
    if (observed.models() == null) {
      return out;
    }
    for (String m : desired.models()) {
      String locked = lock.models().get(m);
      if (locked == null) {
        continue;
      }
      observed.models().stream()
          .filter(o -> ModelNames.same(o.name(), m))
          .map(ObservedModel::digest)
          .filter(d -> d != null && !d.equals(locked))
          .findFirst()
          .ifPresent(
              d ->
                  out.add(
                      "model "
                          + m
                          + " in Ollama is "
                          + ImageRef.shortDigest(d)
                          + ", the lock pins "
                          + ImageRef.shortDigest(locked)
                          + " (Ollama pulls by name only); 'ollama-stack update --models'"
                          + " records what it has"));
    }
    return out;
  }
}
