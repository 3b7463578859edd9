package dev.ollamastack.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.ollamastack.engine.docker.DockerJavaEngineFactory;
import dev.ollamastack.model.Labels;
import java.io.IOException;
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
 * removes exactly the containers it created.
 */
public final class ItDocker implements AutoCloseable {
  private static final String DOCKERFILE =
      "FROM scratch\nCOPY busybox /bin/busybox\n"
          + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n";

  /**
   * Tagged by content (busybox and Dockerfile): other checkouts build theirs on the same daemon,
   * and a shared {@code :latest} could be retagged under a running test.
   */
  public static final String IMAGE = "ollama-stack-test/busybox:" + contentTag();

  /** The installation label of this test's containers: unique, so nothing real is in the way. */
  public final String installation = "it-" + UUID.randomUUID().toString().substring(0, 8);

  private final DockerClient client;
  private final List<String> created = new ArrayList<>();

  /** A client of the daemon of {@code DOCKER_HOST} (else the local socket). */
  public ItDocker() {
    client = new DockerJavaEngineFactory(System.getenv()).client();
  }

  /** FROM scratch + the host's static busybox: a 2 MB image with sh, httpd, nc. */
  public void buildImage() throws IOException {
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
  public String run(
      String name, String component, Integer hostPort, int containerPort, String script) {
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

  public void remove(String id) {
    client.removeContainerCmd(id).withForce(true).exec();
    created.remove(id);
  }

  public static int freePort() {
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
