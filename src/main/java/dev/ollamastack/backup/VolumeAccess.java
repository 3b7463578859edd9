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
  private final List<String> covers = new ArrayList<>();

  public VolumeAccess(DockerEngine engine, String installation) {
    this.engine = engine;
    this.installation = installation;
  }

  /**
   * Removes helpers a killed backup or restore left. One still running is a switch that outlived
   * its CLI: it is waited for, never cut short.
   */
  public void removeLeftovers() {
    removeHelpers();
    for (var v : engine.listVolumes(Map.of(Labels.HELPER, installation))) {
      engine.removeVolume(v.name());
    }
  }

  private void removeHelpers() {
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

  /**
   * A helper mounting {@code volume} with an empty volume of ours over {@code models/blobs}, so its
   * archive leaves the model weights out (the cover is removed by {@link #close()}).
   */
  public String coveredHelper(String volume, String image) {
    String cover = installation + "-cover-" + UUID.randomUUID().toString().substring(0, 8);
    engine.createVolume(
        new dev.ollamastack.model.VolumeSpec(cover, Map.of(Labels.HELPER, installation)));
    covers.add(cover);
    String id =
        engine.createVolumeHelper(
            new VolumeHelper(
                name(),
                image,
                Map.of(volume, MOUNT, cover, MOUNT + "/" + OllamaLayout.BLOBS_DIR),
                Map.of(Labels.HELPER, installation)));
    created.add(id);
    return id;
  }

  /** Lists {@code models/blobs} of {@code volume}; empty when it cannot (no such directory). */
  public java.util.Optional<BlobListing> listBlobs(String volume, String image) {
    try {
      ExecResult r =
          engine.runVolumeHelper(spec(volume, image), BlobListing.SCRIPT, SCRIPT_TIMEOUT);
      return r.ok() ? BlobListing.parse(r.output()) : java.util.Optional.empty();
    } catch (EngineException e) {
      return java.util.Optional.empty(); // no shell in the image: read the blobs through instead
    }
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
    return new VolumeHelper(
        name(), image, Map.of(volume, MOUNT), Map.of(Labels.HELPER, installation));
  }

  private String name() {
    return installation + "-helper-" + UUID.randomUUID().toString().substring(0, 8);
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
    for (String v : covers) {
      try {
        engine.removeVolume(v);
      } catch (RuntimeException e) {
        // removeLeftovers() of the next run takes it
      }
    }
    covers.clear();
  }
}
