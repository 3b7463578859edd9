package dev.ollamastack.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.ollamastack.engine.ContainerDetails;
import dev.ollamastack.engine.ImageDetails;
import dev.ollamastack.model.ObservedContainer;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of containers, images and volumes beyond the planner's list calls. */
final class Inspections {
  private final DockerClient docker;
  private final Failures failures;

  Inspections(DockerClient docker, Failures failures) {
    this.docker = docker;
    this.failures = failures;
  }

  Optional<ContainerDetails> details(String idOrName) {
    return failures.call(
        "inspect container " + idOrName,
        () -> {
          try {
            return Optional.of(details(docker.inspectContainerCmd(idOrName).exec()));
          } catch (NotFoundException e) {
            return Optional.empty();
          }
        });
  }

  List<ObservedContainer> usingVolume(String volume) {
    return failures.call(
        "list containers using " + volume,
        () ->
            docker
                .listContainersCmd()
                .withShowAll(true)
                .withVolumeFilter(List.of(volume))
                .exec()
                .stream()
                .map(DtoMapper::container)
                .toList());
  }

  Optional<ImageDetails> image(String reference) {
    return failures.call(
        "inspect image " + reference,
        () -> {
          try {
            var i = docker.inspectImageCmd(reference).exec();
            return Optional.of(new ImageDetails(i.getId(), i.getRepoDigests()));
          } catch (NotFoundException e) {
            return Optional.empty();
          }
        });
  }

  /** {@code GET /system/df}: docker-java has no command for it, so the raw transport is used. */
  Map<String, Long> volumeSizes() {
    if (!(docker instanceof DockerClientImpl impl)) {
      return Map.of();
    }
    DockerHttpClient.Request request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.GET)
            .path("/system/df")
            .build();
    try (DockerHttpClient.Response r = impl.getHttpClient().execute(request);
        InputStream body = r.getBody()) {
      if (r.getStatusCode() != 200) {
        return Map.of();
      }
      Map<String, Long> sizes = new LinkedHashMap<>();
      for (JsonNode v : new ObjectMapper().readTree(body).path("Volumes")) {
        long size = v.path("UsageData").path("Size").asLong(-1);
        if (size >= 0) {
          sizes.put(v.path("Name").asText(), size);
        }
      }
      return sizes;
    } catch (java.io.IOException | RuntimeException e) {
      return Map.of(); // only an estimate for progress: unknown is fine
    }
  }

  private static ContainerDetails details(InspectContainerResponse r) {
    Map<String, String> env = new LinkedHashMap<>();
    String[] vars = r.getConfig().getEnv();
    for (String kv : vars == null ? new String[0] : vars) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        env.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    List<ContainerDetails.MountedVolume> mounts = new ArrayList<>();
    if (r.getMounts() != null) {
      for (var m : r.getMounts()) {
        if (m.getName() != null && m.getDestination() != null && m.getDriver() != null) {
          mounts.add(new ContainerDetails.MountedVolume(m.getName(), m.getDestination().getPath()));
        }
      }
    }
    Map<Integer, Integer> ports = new LinkedHashMap<>();
    var bindings = r.getHostConfig().getPortBindings();
    if (bindings != null) {
      for (Map.Entry<ExposedPort, Ports.Binding[]> e : bindings.getBindings().entrySet()) {
        if (e.getValue() != null && e.getValue().length > 0) {
          String hostPort = e.getValue()[0].getHostPortSpec();
          if (hostPort != null && hostPort.matches("\\d+")) {
            ports.put(e.getKey().getPort(), Integer.parseInt(hostPort));
          }
        }
      }
    }
    Long memory = r.getHostConfig().getMemory();
    Long cpus = r.getHostConfig().getNanoCPUs();
    String name =
        r.getName() != null && r.getName().startsWith("/") ? r.getName().substring(1) : r.getName();
    return new ContainerDetails(
        r.getId(),
        name,
        r.getConfig().getImage(),
        Boolean.TRUE.equals(r.getState().getRunning()),
        env,
        r.getConfig().getLabels(),
        mounts,
        ports,
        memory == null ? 0 : memory,
        cpus == null ? 0 : cpus,
        r.getConfig().getCmd() == null ? List.of() : Arrays.asList(r.getConfig().getCmd()));
  }
}
