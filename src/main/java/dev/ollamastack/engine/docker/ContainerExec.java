package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.ExecResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code docker exec}: create, start attached, wait (bounded), read the exit code. */
final class ContainerExec {
  /** Output beyond this is dropped: exec is for short checks, not for streaming. */
  private static final int MAX_OUTPUT = 64 * 1024;

  private ContainerExec() {}

  static ExecResult run(
      DockerClient docker, String containerId, List<String> cmd, Duration timeout) {
    String execId =
        docker
            .execCreateCmd(containerId)
            .withCmd(cmd.toArray(String[]::new))
            .withAttachStdout(true)
            .withAttachStderr(true)
            .withTty(false)
            .exec()
            .getId();
    StringBuilder out = new StringBuilder();
    ResultCallback.Adapter<Frame> cb =
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Frame frame) {
            synchronized (out) {
              if (out.length() < MAX_OUTPUT) {
                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
              }
            }
          }
        };
    try (var started = docker.execStartCmd(execId).withDetach(false).exec(cb)) {
      if (!started.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new EngineException(
            "command " + cmd.get(0) + " did not finish within " + timeout.toSeconds() + "s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted", 0, e);
    } catch (IOException e) {
      throw new EngineException(e.getMessage(), 0, e);
    }
    Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
    synchronized (out) {
      return new ExecResult(code == null ? -1 : code.intValue(), out.toString());
    }
  }
}
