package dev.ollamastack.app.backup;

import dev.ollamastack.app.ApplyStack;
import dev.ollamastack.backup.Manifest;
import dev.ollamastack.health.OllamaClient;
import dev.ollamastack.model.ObservedModel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The models of a {@code --models list} backup, pulled again through Ollama once the restored stack
 * is up, each compared with the digest it had: a tag the registry moved comes back as another
 * model, and the user is told.
 */
final class ModelsAgain {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final RestorePreparation prep;

  ModelsAgain(RestorePreparation prep) {
    this.prep = prep;
  }

  /** What could not be pulled, or came back different. */
  List<String> pull(ApplyStack.Result applied, DataListener listener) {
    Manifest.Models models = prep.verified.source().manifest().models();
    if (models == null || !"list".equals(models.mode()) || models.list().isEmpty()) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    String url = prep.planned.desired().ollamaUrl();
    if (url == null
        || !(applied instanceof ApplyStack.Result.Applied a && a.result().succeeded()
            || applied instanceof ApplyStack.Result.NoChanges)) {
      models.list().forEach(m -> problems.add(m.name() + ": not pulled (Ollama is not reachable)"));
      return problems;
    }
    OllamaClient ollama = new OllamaClient(url);
    for (Manifest.ModelRef m : models.list()) {
      String task = "model " + m.name();
      listener.step("pulling " + m.name() + " again");
      try {
        ollama.pull(m.name(), s -> listener.progress(task, s.completed(), s.total()));
        listener.finished(task);
        Map<String, String> digests =
            ollama.tags(TIMEOUT).stream()
                .collect(Collectors.toMap(ObservedModel::name, ObservedModel::digest, (x, y) -> x));
        String now = digests.get(m.name());
        String was = m.digest().replace("sha256:", "");
        if (now != null && !now.replace("sha256:", "").equals(was)) {
          problems.add(
              m.name()
                  + ": the registry now has another version (digest "
                  + now
                  + ", the backup had "
                  + was
                  + ")");
        }
      } catch (IOException | RuntimeException e) {
        problems.add(m.name() + ": " + e.getMessage());
      }
    }
    return problems;
  }
}
