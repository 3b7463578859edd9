package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Statistics;
import dev.ollamastack.engine.ContainerStats;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.LogLine;
import dev.ollamastack.engine.LogOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** What a running container puts out: its logs (tailed or streamed) and stats samples. */
final class ContainerOutput {
  private final DockerClient docker;
  private final Failures failures;

  ContainerOutput(DockerClient docker, Failures failures) {
    this.docker = docker;
    this.failures = failures;
  }

  List<String> tail(String id, int lines) {
    if (lines <= 0) {
      return List.of();
    }
    return read(id, new LogOptions(false, lines, null, null)).stream().map(LogLine::text).toList();
  }

  /** Everything the options select, read to the end (never follows). */
  List<LogLine> read(String id, LogOptions options) {
    List<LogLine> out = new ArrayList<>();
    LogOptions once = new LogOptions(false, options.tail(), options.since(), options.until());
    LogFrameDecoder decoder = new LogFrameDecoder(id, once.since(), once.until(), out::add);
    await("logs of " + id, logCmd(id, once).exec(decoder));
    return out;
  }

  AutoCloseable stream(String id, LogOptions options, Consumer<LogLine> onLine) {
    LogFrameDecoder decoder = new LogFrameDecoder(id, options.since(), options.until(), onLine);
    failures.call("logs of " + id, () -> logCmd(id, options).exec(decoder));
    return () -> closeQuietly(decoder);
  }

  Optional<ContainerStats> stats(String id) {
    AtomicReference<Statistics> sample = new AtomicReference<>();
    ResultCallback.Adapter<Statistics> callback =
        new ResultCallback.Adapter<>() {
          public void onNext(Statistics s) {
            sample.compareAndSet(null, s);
          }
        };
    try {
      await("stats of " + id, docker.statsCmd(id).withNoStream(true).exec(callback));
    } catch (EngineException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
    return StatsMapper.stats(sample.get());
  }

  private LogContainerCmd logCmd(String id, LogOptions options) {
    LogContainerCmd cmd =
        docker
            .logContainerCmd(id)
            .withStdOut(true)
            .withStdErr(true)
            .withTimestamps(true)
            .withFollowStream(options.follow());
    if (options.tail() != null) {
      cmd.withTail(Math.max(0, options.tail()));
    }
    if (options.since() != null) {
      cmd.withSince((int) options.since().getEpochSecond());
    }
    if (options.until() != null) {
      // Whole seconds, rounded up so the last second is included; the decoder trims exactly.
      cmd.withUntil((int) options.until().getEpochSecond() + 1);
    }
    return cmd;
  }

  private void await(String what, ResultCallback.Adapter<?> callback) {
    try {
      callback.awaitCompletion();
    } catch (InterruptedException e) {
      closeQuietly(callback);
      throw failures.interrupted(what, e);
    } catch (RuntimeException e) {
      throw failures.translate(what, e);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // Ending a stream the caller gave up on.
    }
  }
}
