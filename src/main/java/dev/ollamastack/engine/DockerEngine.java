package dev.ollamastack.engine;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.NetworkSpec;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedImage;
import dev.ollamastack.model.ObservedNetwork;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.RestartPolicy;
import dev.ollamastack.model.VolumeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The port to a Docker engine. Everything the tool does to Docker goes through here, so tests can
 * substitute an in-memory fake. Implementations throw {@link EngineUnavailableException} when the
 * daemon cannot be reached and {@link EngineException} when it refuses an operation.
 */
public interface DockerEngine extends AutoCloseable {

  /** Pings the daemon and reports what it is. */
  EngineInfo info();

  /** All containers (running or not) carrying every given label ({@code value null} = any). */
  List<ObservedContainer> listContainers(Map<String, String> labels);

  /** All containers with the given names, labelled or not (to detect name clashes). */
  List<ObservedContainer> listContainersByName(List<String> names);

  /**
   * Every running (or paused) container, whoever made it, with its ports and mounts: to find what
   * holds a volume or host port the stack needs.
   */
  List<ObservedContainer> listRunningContainers();

  List<ObservedNetwork> listNetworks(Map<String, String> labels);

  List<ObservedVolume> listVolumes(Map<String, String> labels);

  /** Full inspect (health, exit code, start time, networks with aliases, mounts, limits). */
  Optional<ObservedContainer> inspectContainer(String idOrName);

  /** The environment a container was created with ({@code KEY=VALUE}); empty when it is gone. */
  Map<String, String> containerEnv(String id);

  /**
   * The local image a reference names (a tag, {@code name@sha256:…} or an image id), with the
   * registry digests it is known by; empty when there is none.
   */
  Optional<ObservedImage> inspectImage(String reference);

  default boolean imageExists(String reference) {
    return inspectImage(reference).isPresent();
  }

  /**
   * Pulls an image, reporting progress as it goes, with the credentials {@code docker login} left
   * in {@code $DOCKER_CONFIG/config.json} for its registry.
   */
  void pullImage(String reference, Consumer<PullProgress> progress);

  /**
   * The digest a tag points at in its registry now, without pulling: the engine asks the registry
   * (Docker's distribution inspect, through its own registry settings, with the same credentials as
   * a pull).
   *
   * @throws EngineException with the registry's error when it cannot be asked or refuses
   */
  String registryDigest(String reference);

  /**
   * Removes one reference to a local image (a tag or {@code name@sha256:…}), never forced: Docker
   * deletes the image itself only when no other reference names it.
   *
   * @throws EngineException 409 when a container uses it, 404 when the reference does not exist
   */
  void removeImage(String reference);

  /** Creates (not starts) a container and returns its id. */
  String createContainer(ContainerSpec spec);

  void startContainer(String id);

  void stopContainer(String id, Duration timeout);

  void removeContainer(String id);

  /** Gives a container another name ({@code docker rename}); its labels stay. */
  void renameContainer(String id, String newName);

  /** Resumes a paused container ({@code docker unpause}). */
  void unpauseContainer(String id);

  /** Attaches a container to a network, reachable there by {@code aliases}. */
  void connectNetwork(String network, String containerId, List<String> aliases);

  /** Detaches a container from a network; {@code force} also when the network is gone. */
  void disconnectNetwork(String network, String containerId, boolean force);

  /** Changes the restart policy of an existing container ({@code docker update --restart}). */
  void updateRestartPolicy(String id, RestartPolicy policy);

  void createNetwork(NetworkSpec spec);

  void removeNetwork(String name);

  void createVolume(VolumeSpec spec);

  void removeVolume(String name);

  /** The last {@code lines} log lines of a container, stdout and stderr merged. */
  List<String> tailLogs(String id, int lines);

  /**
   * Streams logs; returns a handle that stops the stream when closed. {@code onLine} is called from
   * a background thread.
   */
  AutoCloseable streamLogs(String id, LogOptions options, Consumer<LogLine> onLine);

  /**
   * The logs of a container as they are now, without following: in order, with Docker's timestamps,
   * blocking until the engine has sent them all.
   */
  List<LogLine> readLogs(String id, LogOptions options);

  /**
   * Follows the engine's event stream for containers carrying {@code labels}: {@code onEvent} is
   * called from a background thread for each event; {@code onEnd} once when the stream ends (the
   * daemon went away: a {@link EngineUnavailableException} or the error, {@code null} when closed
   * by the handle). Closing the handle stops the stream.
   */
  AutoCloseable events(
      Map<String, String> labels, Consumer<EngineEvent> onEvent, Consumer<RuntimeException> onEnd);

  /** One non-streaming stats sample. */
  Optional<ContainerStats> stats(String id);

  /**
   * Starts the window over which the next {@link #stats} of {@code id} measures its CPU rate, so
   * that window can pass while other work is done (an engine that cannot read the counters at once
   * ignores it).
   */
  default void startCpuWindow(String id) {}

  /**
   * Runs a short command inside a running container and waits for it ({@code docker exec}), e.g.
   * {@code curl -fsS http://host.docker.internal:11434/api/version} in the webui container to check
   * that Ollama is reachable from inside the stack network.
   *
   * <p>No TTY, no stdin; stdout and stderr are attached and merged into {@link ExecResult#output()}
   * (implementations may cap it, e.g. at 64 KiB). The command runs as the container's default user
   * in its default working directory.
   *
   * @param cmd the argv, run directly (no shell unless {@code cmd} starts one)
   * @param timeout how long to wait for the command to end
   * @return exit code and output; a non-zero exit is a result, not an exception
   * @throws EngineException 404 when the container does not exist, 409 when it is not running, and
   *     when the command does not end within {@code timeout} (the message says so)
   */
  ExecResult exec(String containerId, List<String> cmd, Duration timeout);

  /**
   * Starts {@code cmd} in the container now, for a later {@link #exec} of the same command there to
   * take its result instead of running it again: a command whose answer the caller will need can
   * run while other work is done. An engine may ignore it (the later exec then runs the command
   * itself).
   */
  default void startExec(String containerId, List<String> cmd, Duration timeout) {}

  /** What a container was created with; empty when it does not exist. */
  Optional<ContainerDetails> containerDetails(String idOrName);

  /** Every container (running or not, ours or not) that mounts {@code volume}. */
  List<ObservedContainer> listContainersUsingVolume(String volume);

  /** The id and registry digests of a local image; empty when it is not on this engine. */
  Optional<ImageDetails> imageDetails(String reference);

  /**
   * The bytes each volume takes on disk, as {@code docker system df} reports them (one call, for
   * progress estimates); empty when the engine does not say.
   */
  Map<String, Long> volumeSizes();

  /** Creates, never starts, a helper that mounts volumes for the archive API; returns its id. */
  String createVolumeHelper(VolumeHelper helper);

  /**
   * Runs {@code script} with {@code /bin/sh -c} as root in a new helper container without network,
   * waits for it, and removes it. Its output is in the result, a non-zero exit is a result.
   *
   * @throws EngineException when it does not end within {@code timeout} (it is then removed)
   */
  ExecResult runVolumeHelper(VolumeHelper helper, String script, Duration timeout);

  /**
   * A tar of {@code path} inside a container ({@code GET /containers/{id}/archive}): the entries
   * are named from {@code path}'s last component. Streamed; the caller closes it.
   */
  java.io.InputStream readArchive(String containerId, String path);

  /**
   * Extracts the tar {@code tar} into the directory {@code path} inside a container ({@code PUT
   * /containers/{id}/archive}), keeping the owners, modes and times in its headers. Streamed:
   * returns when Docker has written all of it, throws when it could not.
   */
  void writeArchive(String containerId, String path, java.io.InputStream tar);

  /** Waits until a container has stopped; its exit code. */
  int waitContainer(String id, Duration timeout);

  /** The engine's Swarm side ({@code spec.target: swarm}): only a manager answers its calls. */
  default SwarmEngine swarm() {
    throw new EngineException("this engine has no Swarm side", 501, null);
  }

  /** Builds an image from a directory holding a Dockerfile and tags it. Returns the image id. */
  String buildImage(Path contextDir, String tag);

  @Override
  void close();
}
