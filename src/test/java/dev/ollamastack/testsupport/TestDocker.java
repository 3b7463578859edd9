package dev.ollamastack.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.ollamastack.engine.docker.DockerJavaEngineFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.GenericContainer;

/**
 * What tests need of Docker beyond the {@code DockerEngine} port: image labels and tags, exec, what
 * a container was really created with. Answers in plain values: in tests, only this package imports
 * docker-java (as {@code engine.docker} does in the tool).
 */
public final class TestDocker implements AutoCloseable {
  private final DockerClient docker;

  private TestDocker(DockerClient docker) {
    this.docker = docker;
  }

  /** A client for the daemon the tool would use ({@code DOCKER_HOST}, context, local socket). */
  public static TestDocker connect() {
    return connect(System.getenv());
  }

  /** A client for the daemon that {@code env} names ({@code DOCKER_HOST}, context, TLS). */
  public static TestDocker connect(Map<String, String> env) {
    return new TestDocker(new DockerJavaEngineFactory(env).client());
  }

  /** Output and exit code of a command run in a container. */
  public record ExecResult(int exitCode, String stdout, String stderr) {}

  /** The image id of a reference, empty when there is no such image. */
  public Optional<String> imageId(String reference) {
    return inspectImage(reference).map(InspectImageResponse::getId);
  }

  /** The labels of an image, empty when there is no such image. */
  public Optional<Map<String, String>> imageLabels(String reference) {
    return inspectImage(reference)
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

  /**
   * What Docker holds of a container, to check what the engine asked for.
   *
   * @param nanoCpus {@code --cpus} in billionths of a CPU, 0 when unlimited
   * @param memory {@code --memory} in bytes, 0 when unlimited
   * @param healthInterval the health check's interval in nanoseconds, 0 without one
   * @param aliases per network joined, the container's aliases on it
   * @param mounts the mount points in the container
   */
  public record CreatedContainer(
      boolean init,
      String restartPolicy,
      long nanoCpus,
      long memory,
      List<String> extraHosts,
      List<String> env,
      long healthInterval,
      Map<String, List<String>> aliases,
      List<String> mounts) {}

  public CreatedContainer inspectContainer(String container) {
    InspectContainerResponse c = docker.inspectContainerCmd(container).exec();
    var host = c.getHostConfig();
    var health = c.getConfig().getHealthcheck();
    Map<String, List<String>> aliases = new LinkedHashMap<>();
    c.getNetworkSettings()
        .getNetworks()
        .forEach(
            (name, n) -> aliases.put(name, n.getAliases() == null ? List.of() : n.getAliases()));
    return new CreatedContainer(
        Boolean.TRUE.equals(host.getInit()),
        host.getRestartPolicy() == null ? null : host.getRestartPolicy().getName(),
        orZero(host.getNanoCPUs()),
        orZero(host.getMemory()),
        list(host.getExtraHosts()),
        list(c.getConfig().getEnv()),
        health == null ? 0 : orZero(health.getInterval()),
        aliases,
        c.getMounts() == null
            ? List.of()
            : c.getMounts().stream().map(m -> m.getDestination().getPath()).toList());
  }

  private static long orZero(Long n) {
    return n == null ? 0 : n;
  }

  private static List<String> list(String[] a) {
    return a == null ? List.of() : Arrays.asList(a);
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

  private Optional<InspectImageResponse> inspectImage(String reference) {
    try {
      return Optional.of(docker.inspectImageCmd(reference).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
}
