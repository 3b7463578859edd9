package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.VolumeOptions;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.engine.VolumeHelper;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Helper containers for volume data: created from a local image (never pulled), volumes mounted
 * with {@code nocopy} (an empty volume is not seeded from the image), and the archive API in both
 * directions, streamed.
 */
final class VolumeHelpers {
  private final DockerClient docker;
  private final Failures failures;
  private final ContainerOutput output;

  VolumeHelpers(DockerClient docker, Failures failures, ContainerOutput output) {
    this.docker = docker;
    this.failures = failures;
    this.output = output;
  }

  String create(VolumeHelper h) {
    return failures.call(
        "create helper " + h.name(),
        // Never started, so the command is never looked up: the image needs no shell.
        () -> command(h).withCmd("/ollama-stack-helper-never-started").exec().getId());
  }

  ExecResult run(VolumeHelper h, String script, Duration timeout) {
    String id =
        failures.call(
            "create helper " + h.name(),
            () ->
                command(h)
                    .withEntrypoint("/bin/sh", "-c")
                    .withCmd(script)
                    .withUser("0:0")
                    .exec()
                    .getId());
    try {
      failures.run("start helper " + h.name(), () -> docker.startContainerCmd(id).exec());
      int code = await(id, timeout);
      // All of it: a listing of model blobs can run to hundreds of lines.
      List<String> logs = output.tail(id, 1_000_000);
      return new ExecResult(code, String.join("\n", logs));
    } finally {
      removeQuietly(id);
    }
  }

  int await(String id, Duration timeout) {
    return failures.call(
        "wait for container " + id,
        () -> {
          Integer code =
              docker
                  .waitContainerCmd(id)
                  .exec(new WaitContainerResultCallback())
                  .awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
          return code == null ? -1 : code;
        });
  }

  /**
   * {@code GET /containers/{id}/archive} on the raw transport: docker-java's command lets the HTTP
   * client ask for {@code Accept-Encoding: gzip}, which the daemon honours by compressing the whole
   * stream on one core (about 3 MB/s for model weights). Asking for {@code identity} keeps it raw.
   */
  InputStream read(String id, String path) {
    if (!(docker instanceof DockerClientImpl impl)) {
      return failures.call(
          "read " + path + " from container " + id,
          () -> docker.copyArchiveFromContainerCmd(id, path).exec());
    }
    String what = "read " + path + " from container " + id;
    DockerHttpClient.Request request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.GET)
            .path(
                "/containers/"
                    + URLEncoder.encode(id, StandardCharsets.UTF_8)
                    + "/archive?path="
                    + URLEncoder.encode(path, StandardCharsets.UTF_8))
            .putHeader("Accept", "application/x-tar")
            .putHeader("Accept-Encoding", "identity")
            .build();
    DockerHttpClient.Response r = failures.call(what, () -> impl.getHttpClient().execute(request));
    if (r.getStatusCode() != 200) {
      String body;
      try (r) {
        body = new String(r.getBody().readNBytes(4096), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        body = e.getMessage();
      }
      throw new EngineException(what + ": " + body.strip(), r.getStatusCode(), null);
    }
    return new java.io.FilterInputStream(r.getBody()) {
      @Override
      public void close() throws java.io.IOException {
        try {
          super.close();
        } finally {
          r.close();
        }
      }
    };
  }

  void write(String id, String path, InputStream tar) {
    try {
      docker
          .copyArchiveToContainerCmd(id)
          .withRemotePath(path)
          .withTarInputStream(tar)
          .withNoOverwriteDirNonDir(true)
          .exec();
    } catch (RuntimeException e) {
      RuntimeException t = failures.translate("write " + path + " in container " + id, e);
      // A stream that broke mid-way is a failed copy, not a daemon that went away.
      throw t instanceof EngineException
          ? t
          : new EngineException("write " + path + ": " + rootMessage(e), 0, e);
    }
  }

  private CreateContainerCmd command(VolumeHelper h) {
    List<Mount> mounts =
        h.volumes().entrySet().stream()
            .map(
                v ->
                    new Mount()
                        .withType(MountType.VOLUME)
                        .withSource(v.getKey())
                        .withTarget(v.getValue())
                        .withVolumeOptions(new VolumeOptions().withNoCopy(true)))
            .toList();
    return docker
        .createContainerCmd(h.image())
        .withName(h.name())
        .withLabels(h.labels())
        .withNetworkDisabled(true)
        .withHostConfig(HostConfig.newHostConfig().withMounts(mounts).withNetworkMode("none"));
  }

  private void removeQuietly(String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec();
    } catch (NotFoundException | EngineException e) {
      // gone already
    } catch (RuntimeException e) {
      // the next backup or restore removes leftover helpers by their label
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
