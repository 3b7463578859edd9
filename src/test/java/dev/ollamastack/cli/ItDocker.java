package dev.ollamastack.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.ollamastack.model.Labels;
import dev.ollamastack.testsupport.DockerCli;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * IT-only helper on the real daemon: builds a tiny busybox image, creates labelled containers, and
 * removes exactly the containers it created. Kept out of testsupport/ on purpose (the shared
 * stand-in images land there from another branch).
 */
final class ItDocker implements AutoCloseable {
  private static final String DOCKERFILE =
      "FROM scratch\nCOPY busybox /bin/busybox\n"
          + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n";

  /**
   * Tagged by content (busybox and Dockerfile): other checkouts build theirs on the same daemon,
   * and a shared {@code :latest} could be retagged under a running test.
   */
  static final String IMAGE = "ollama-stack-test/busybox:" + contentTag();

  final DockerClient client;
  final String installation = "it-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> created = new ArrayList<>();

  ItDocker() {
    String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    var config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
    client =
        DockerClientImpl.getInstance(
            config, new ZerodepDockerHttpClient.Builder().dockerHost(URI.create(host)).build());
  }

  /** FROM scratch + the host's static busybox: a 2 MB image with sh, httpd, nc. */
  void buildImage() throws IOException {
    Path dir = Files.createTempDirectory("it-busybox");
    Files.copy(Path.of("/bin/busybox"), dir.resolve("busybox"));
    Files.writeString(dir.resolve("Dockerfile"), DOCKERFILE);
    client
        .buildImageCmd(dir.toFile())
        .withTags(Set.of(IMAGE))
        .withPull(false)
        .exec(new BuildImageResultCallback())
        .awaitImageId();
  }

  private static String contentTag() {
    try {
      var sha = java.security.MessageDigest.getInstance("SHA-256");
      sha.update(DOCKERFILE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(Path.of("/bin/busybox")));
      return java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      return "unbuildable"; // buildImage fails with the reason
    }
  }

  /** A container of our test installation (or foreign with {@code component null}), started. */
  String run(String name, String component, Integer hostPort, int containerPort, String script) {
    Map<String, String> labels = new HashMap<>();
    if (component != null) {
      labels.put(Labels.INSTALLATION, installation);
      labels.put(Labels.COMPONENT, component);
      labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
    }
    HostConfig hc = HostConfig.newHostConfig();
    CreateContainerCmd cmd =
        client
            .createContainerCmd(IMAGE)
            .withName(name)
            .withLabels(labels)
            .withCmd("sh", "-c", script);
    if (hostPort != null) {
      ExposedPort port = ExposedPort.tcp(containerPort);
      hc.withPortBindings(
          new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", hostPort), port));
      cmd.withExposedPorts(port);
    }
    String id = cmd.withHostConfig(hc).exec().getId();
    created.add(id);
    client.startContainerCmd(id).exec();
    return id;
  }

  void remove(String id) {
    client.removeContainerCmd(id).withForce(true).exec();
    created.remove(id);
  }

  static int freePort() {
    return DockerCli.freePort();
  }

  @Override
  public void close() {
    for (String id : List.copyOf(created)) {
      try {
        remove(id);
      } catch (RuntimeException e) {
        // already gone
      }
    }
    try {
      client.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
