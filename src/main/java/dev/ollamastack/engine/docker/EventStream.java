package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.ollamastack.engine.EngineEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@code docker events} for the containers of one installation (label filter), followed on
 * docker-java's callback thread until closed or until the daemon goes away; the end is reported
 * exactly once, as the port's exceptions.
 */
final class EventStream {
  private final DockerClient docker;
  private final Failures failures;

  EventStream(DockerClient docker, Failures failures) {
    this.docker = docker;
    this.failures = failures;
  }

  AutoCloseable follow(
      Map<String, String> labels, Consumer<EngineEvent> onEvent, Consumer<RuntimeException> onEnd) {
    AtomicBoolean ended = new AtomicBoolean();
    AtomicBoolean closedByUs = new AtomicBoolean();
    ResultCallback.Adapter<Event> callback =
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Event e) {
            onEvent.accept(map(e));
          }

          @Override
          public void onError(Throwable t) {
            if (ended.compareAndSet(false, true)) {
              onEnd.accept(closedByUs.get() ? null : failures.translate("events", t));
            }
            super.onError(t);
          }

          @Override
          public void onComplete() {
            if (ended.compareAndSet(false, true)) {
              onEnd.accept(
                  closedByUs.get()
                      ? null
                      : failures.translate(
                          "events", new IOException("the event stream was closed by the daemon")));
            }
            super.onComplete();
          }
        };
    failures.call(
        "events",
        () ->
            docker
                .eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(labels)
                .exec(callback));
    return () -> {
      closedByUs.set(true);
      try {
        callback.close();
      } catch (IOException e) {
        // the stream is gone either way
      }
      if (ended.compareAndSet(false, true)) {
        onEnd.accept(null);
      }
    };
  }

  private static EngineEvent map(Event e) {
    Map<String, String> attrs =
        e.getActor() == null || e.getActor().getAttributes() == null
            ? Map.of()
            : e.getActor().getAttributes();
    String id =
        e.getActor() != null && e.getActor().getId() != null ? e.getActor().getId() : e.getId();
    Instant time =
        e.getTimeNano() != null
            ? Instant.ofEpochSecond(0, e.getTimeNano())
            : e.getTime() != null ? Instant.ofEpochSecond(e.getTime()) : Instant.now();
    String action = e.getAction() != null ? e.getAction() : e.getStatus();
    String type = e.getType() == null ? "container" : e.getType().getValue();
    return new EngineEvent(type, action, id, attrs, time);
  }
}
