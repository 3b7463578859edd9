package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.GenericContainer;

/**
 * What tests need of Docker beyond the {@code DockerEngine} port: image labels and tags, exec.
 * Lives in the adapter package so that, in tests too, only this package imports docker-java.
 */
public final class TestDocker implements AutoCloseable {
  private final DockerClient docker;

  private TestDocker(DockerClient docker) {
    this.docker = docker;
  }

  /** A client for the daemon of {@code DOCKER_HOST} (else the local socket). */
  public static TestDocker connect() {
    return connect(System.getenv());
  }

  /** A client for the daemon that {@code env} names ({@code DOCKER_HOST}, TLS settings). */
  public static TestDocker connect(Map<String, String> env) {
    DockerJavaEngineFactory f = new DockerJavaEngineFactory(env);
    return new TestDocker(DockerJavaEngineFactory.client(f.host(), env));
  }

  /** Output and exit code of a command run in a container. */
  public record ExecResult(int exitCode, String stdout, String stderr) {}

  /** The image id of a reference, empty when there is no such image. */
  public Optional<String> imageId(String reference) {
    return inspect(reference).map(InspectImageResponse::getId);
  }

  /** The labels of an image, empty when there is no such image. */
  public Optional<Map<String, String>> imageLabels(String reference) {
    return inspect(reference)
        .map(
            i ->
                i.getConfig() == null || i.getConfig().getLabels() == null
                    ? Map.<String, String>of()
                    : i.getConfig().getLabels());
  }

  /** Tags {@code source} (an image reference) as {@code target} ({@code repo:tag}). */
  public void tag(String source, String target) {
    int colon = target.lastIndexOf(':');
    boolean hasTag = colon > target.lastIndexOf('/');
    String repo = hasTag ? target.substring(0, colon) : target;
    String tag = hasTag ? target.substring(colon + 1) : "latest";
    docker.tagImageCmd(source, repo, tag).exec();
  }

  /** Removes one tag (never the image while other tags hold it, never by force). */
  public void untag(String reference) {
    docker.removeImageCmd(reference).withForce(false).withNoPrune(true).exec();
  }

  /** Removes an image by id if nothing uses it; ignores refusals (a container still uses it). */
  public void removeImageQuietly(String imageId) {
    try {
      docker.removeImageCmd(imageId).withForce(false).exec();
    } catch (RuntimeException e) {
      // in use or already gone: leave it
    }
  }

  /** Runs a command in a running container and waits for it. */
  public ExecResult exec(String container, String... command) throws InterruptedException {
    String execId =
        docker
            .execCreateCmd(container)
            .withCmd(command)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec()
            .getId();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    docker.execStartCmd(execId).exec(collector(out, err)).awaitCompletion(60, TimeUnit.SECONDS);
    Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
    return new ExecResult(
        code == null ? -1 : code.intValue(),
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Runs an image to completion ({@code docker run --rm --init IMAGE ARGS}; no args: its CMD) and
   * returns its exit code and output.
   */
  public ExecResult run(String image, String... args) throws InterruptedException {
    var create =
        docker
            .createContainerCmd(image)
            .withHostConfig(
                com.github.dockerjava.api.model.HostConfig.newHostConfig().withInit(true))
            .withLabels(Map.of("dev.ollamastack.test", "one-shot"));
    if (args.length > 0) {
      create.withCmd(args);
    }
    String id = create.exec().getId();
    try {
      docker.startContainerCmd(id).exec();
      int code =
          docker
              .waitContainerCmd(id)
              .exec(new com.github.dockerjava.api.command.WaitContainerResultCallback())
              .awaitStatusCode(60, TimeUnit.SECONDS);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      docker
          .logContainerCmd(id)
          .withStdOut(true)
          .withStdErr(true)
          .exec(collector(out, err))
          .awaitCompletion(30, TimeUnit.SECONDS);
      return new ExecResult(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }

  private static ResultCallback.Adapter<Frame> collector(
      ByteArrayOutputStream out, ByteArrayOutputStream err) {
    return new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame f) {
        (f.getStreamType() == StreamType.STDERR ? err : out).writeBytes(f.getPayload());
      }
    };
  }

  /** Docker's full view of a container, to check what the engine asked for. */
  public com.github.dockerjava.api.command.InspectContainerResponse inspectContainer(
      String container) {
    return docker.inspectContainerCmd(container).exec();
  }

  /** The exit code of a stopped container (-1 when Docker reports none). */
  public int exitCode(String container) {
    Long code = docker.inspectContainerCmd(container).exec().getState().getExitCodeLong();
    return code == null ? -1 : code.intValue();
  }

  /**
   * Makes a Testcontainers container start with Docker's init as PID 1, as the tool starts every
   * container (signals forwarded, zombies reaped).
   */
  public static <T extends GenericContainer<?>> T withInit(T container) {
    container.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withInit(true));
    return container;
  }

  @Override
  public void close() {
    try {
      docker.close();
    } catch (java.io.IOException e) {
      // test teardown
    }
  }

  private Optional<InspectImageResponse> inspect(String reference) {
    try {
      return Optional.of(docker.inspectImageCmd(reference).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
}
