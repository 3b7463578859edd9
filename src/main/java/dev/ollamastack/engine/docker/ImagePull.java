package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.PullProgress;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** One image pull: streams the daemon's progress messages as {@link PullProgress} events. */
final class ImagePull {
  private final DockerClient docker;
  private final Failures failures;

  ImagePull(DockerClient docker, Failures failures) {
    this.docker = docker;
    this.failures = failures;
  }

  void pull(String reference, Consumer<PullProgress> progress) {
    String ref = withDefaultTag(reference);
    String what = "pull " + ref;
    AtomicReference<String> error = new AtomicReference<>();
    ResultCallback.Adapter<PullResponseItem> callback =
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(PullResponseItem item) {
            // Failures after the 200 (bad manifest, disk full) arrive as a message in the stream.
            if (item.isErrorIndicated()) {
              error.compareAndSet(null, errorText(item));
              return;
            }
            ResponseItem.ProgressDetail d = item.getProgressDetail();
            long current = d == null || d.getCurrent() == null ? 0 : d.getCurrent();
            long total = d == null || d.getTotal() == null ? 0 : d.getTotal();
            progress.accept(new PullProgress(item.getId(), item.getStatus(), current, total));
          }
        };
    failures.call(what, () -> docker.pullImageCmd(ref).exec(callback));
    try {
      callback.awaitCompletion();
    } catch (InterruptedException e) {
      throw failures.interrupted(what, e);
    } catch (RuntimeException e) {
      throw failures.translate(what, e);
    }
    if (error.get() != null) {
      throw new EngineException(what + ": " + error.get(), 0, null);
    }
  }

  /**
   * Appends {@code :latest} to a reference without tag or digest: the Engine API pulls every tag of
   * a repository when none is given.
   */
  static String withDefaultTag(String reference) {
    int slash = reference.lastIndexOf('/');
    String last = reference.substring(slash + 1);
    return last.contains(":") || last.contains("@") ? reference : reference + ":latest";
  }

  private static String errorText(PullResponseItem item) {
    if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
      return item.getErrorDetail().getMessage();
    }
    return item.getError();
  }
}
