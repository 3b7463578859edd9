package dev.ollamastack.platform;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.model.DeviceSpec;
import dev.ollamastack.model.GpuRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The docker-java side of {@link DeviceSpec} and {@code DockerEngine.exec}, exercised against the
 * real daemon by {@link GpuDeviceRequestIT}: the reference for {@code engine.docker}'s adapter.
 */
final class DockerJavaMapping {
  private static final int MAX_OUTPUT = 64 * 1024;

  private DockerJavaMapping() {}

  /**
   * {@code --gpus all} is {@code Count -1}; a count is {@code Count n}; UUIDs are {@code
   * DeviceIDs}; always {@code Capabilities [["gpu"]]} (what the docker CLI sends). CDI names go in
   * a request with {@code Driver "cdi"} (Docker 25+). Host devices map 1:1 with {@code rwm}.
   */
  static HostConfig apply(HostConfig hc, DeviceSpec d) {
    List<DeviceRequest> requests = new ArrayList<>();
    if (d.gpuRequest() != null) {
      DeviceRequest r = new DeviceRequest().withCapabilities(List.of(List.of("gpu")));
      requests.add(
          switch (d.gpuRequest()) {
            case GpuRequest.All a -> r.withCount(-1);
            case GpuRequest.Count c -> r.withCount(c.count());
            case GpuRequest.DeviceIds ids -> r.withDeviceIds(ids.ids());
          });
    }
    if (!d.cdiDevices().isEmpty()) {
      requests.add(new DeviceRequest().withDriver("cdi").withDeviceIds(d.cdiDevices()));
    }
    if (!requests.isEmpty()) {
      hc.withDeviceRequests(requests);
    }
    if (!d.devices().isEmpty()) {
      hc.withDevices(
          d.devices().stream()
              .map(p -> new com.github.dockerjava.api.model.Device("rwm", p, p))
              .toList());
    }
    return hc;
  }

  /** {@code DockerEngine.exec}: create, start attached, wait, inspect the exit code. */
  static ExecResult exec(
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
    } catch (java.io.IOException e) {
      throw new EngineException(e.getMessage(), 0, e);
    }
    Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
    synchronized (out) {
      return new ExecResult(code == null ? -1 : code.intValue(), out.toString());
    }
  }
}
