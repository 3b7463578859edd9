package dev.ollamastack.backup;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.engine.VolumeHelper;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reaches volume data through helper containers of ours (label {@value Labels#HELPER}), made from
 * an image already on the host: the archive API reads and writes through a helper that is created
 * and never started; a script runs in one that is started, waited for and removed. Helpers are
 * removed when done, and those a killed run left are removed by the next.
 */
public final class VolumeAccess implements AutoCloseable {
  /** Where helpers mount the volume. */
  public static final String MOUNT = "/ollama-stack-volume";

  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(30);

  private final DockerEngine engine;
  private final String installation;
  private final List<String> created = new ArrayList<>();

  public VolumeAccess(DockerEngine engine, String installation) {
    this.engine = engine;
    this.installation = installation;
  }

  /**
   * Removes helpers a killed backup or restore left. One still running is a switch that outlived
   * its CLI: it is waited for, never cut short.
   */
  public void removeLeftovers() {
    for (ObservedContainer c : engine.listContainers(Map.of(Labels.HELPER, installation))) {
      if (c.state() == ContainerState.RUNNING) {
        engine.waitContainer(c.id(), SCRIPT_TIMEOUT);
      }
      try {
        engine.removeContainer(c.id());
      } catch (EngineException e) {
        if (!e.isNotFound()) {
          throw e;
        }
      }
    }
  }

  /** A helper mounting {@code volume} at {@link #MOUNT}; removed by {@link #close()}. */
  public String helper(String volume, String image) {
    String id = engine.createVolumeHelper(spec(volume, image));
    created.add(id);
    return id;
  }

  /** A tar of {@code path} below the volume's root ({@code ""} for the root itself). */
  public InputStream read(String helper, String path) {
    return engine.readArchive(helper, path.isEmpty() ? MOUNT : MOUNT + "/" + path);
  }

  /** Extracts what {@code producer} writes as a tar into {@code path} below the volume's root. */
  public void write(String helper, String path, StreamPipe.Producer producer) throws IOException {
    String target = path.isEmpty() ? MOUNT : MOUNT + "/" + path;
    StreamPipe.run(producer, in -> engine.writeArchive(helper, target, in));
  }

  /** Runs {@code script} as root with {@code volume} mounted; fails unless it exits 0. */
  public void run(String volume, String image, String script, String what) {
    ExecResult r = engine.runVolumeHelper(spec(volume, image), script, SCRIPT_TIMEOUT);
    if (!r.ok()) {
      throw new EngineException(
          what
              + " in volume "
              + volume
              + " failed (exit "
              + r.exitCode()
              + "): "
              + last(r.output()),
          0,
          null);
    }
  }

  private VolumeHelper spec(String volume, String image) {
    String name = installation + "-helper-" + UUID.randomUUID().toString().substring(0, 8);
    return new VolumeHelper(
        name, image, Map.of(volume, MOUNT), Map.of(Labels.HELPER, installation));
  }

  private static String last(String output) {
    String o = output.strip();
    return o.length() > 500 ? "…" + o.substring(o.length() - 500) : o;
  }

  @Override
  public void close() {
    for (String id : created) {
      try {
        engine.removeContainer(id);
      } catch (RuntimeException e) {
        // removeLeftovers() of the next run takes it
      }
    }
    created.clear();
  }
}
