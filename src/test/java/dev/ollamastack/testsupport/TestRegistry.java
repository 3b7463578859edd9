package dev.ollamastack.testsupport;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real image registry for ITs: Debian's {@code docker-registry} (the CNCF distribution registry)
 * on 127.0.0.1 with its own storage, started and stopped by the test. Docker allows plain HTTP to
 * registries on 127.0.0.0/8, so pulls, digests, progress and failures are the real thing. The
 * daemon reaches it through a {@link RegistryGate}, which can take it down mid-request.
 *
 * <p>{@link #withAuth} runs it with htpasswd (bcrypt) authentication, as registries behind {@code
 * docker login} are.
 */
public final class TestRegistry implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Path dir;
  private final int port = DockerCli.freePort();
  private final int internalPort = DockerCli.freePort();
  private final String user;
  private final String password;
  private final RegistryGate gate;
  private Process process;

  private TestRegistry(String user, String password) throws IOException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          BINARY
              + " missing: install Debian's docker-registry (apt-get install -y docker-registry;"
              + " .ci/run does)");
    }
    this.user = user;
    this.password = password;
    this.dir = Files.createTempDirectory("osit-registry-");
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("config.yml"), config());
    if (user != null) {
      String hash =
          new String(BCrypt.withDefaults().hash(6, password.toCharArray()), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("htpasswd"), user + ":" + hash + "\n");
    }
    gate = new RegistryGate(port, internalPort);
    gate.open();
    startProcess();
  }

  /** A registry anyone may push to and pull from. */
  public static TestRegistry start() throws IOException {
    return new TestRegistry(null, null);
  }

  /** A registry that needs {@code user}/{@code password} for every request. */
  public static TestRegistry withAuth(String user, String password) throws IOException {
    return new TestRegistry(user, password);
  }

  /** {@code 127.0.0.1:<port>}: the registry part of image references. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** {@code host()/path}, e.g. {@code ref("ollama/ollama:latest")}. */
  public String ref(String path) {
    return host() + "/" + path;
  }

  /** {@code config.json} of a Docker config directory holding this registry's credentials. */
  public String dockerConfigJson() {
    String auth =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return "{\"auths\":{\"" + host() + "\":{\"auth\":\"" + auth + "\"}}}\n";
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** The digest the registry serves for {@code path} ({@code ollama/ollama:latest}) now. */
  public String digest(String path) {
    int colon = path.lastIndexOf(':');
    URI uri =
        URI.create(
            "http://"
                + host()
                + "/v2/"
                + path.substring(0, colon)
                + "/manifests/"
                + path.substring(colon + 1));
    HttpRequest.Builder req =
        HttpRequest.newBuilder(uri)
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
            .timeout(Duration.ofSeconds(10));
    if (user != null) {
      req.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<Void> r =
          HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.discarding());
      return r.headers()
          .firstValue("Docker-Content-Digest")
          .orElseThrow(
              () -> new AssertionError("no digest for " + path + ": HTTP " + r.statusCode()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Builds a variant of {@code source} (its own image id and so its own digest: a label {@code
   * dev.ollamastack.test.variant=<variant>} added) and pushes it as {@code path} ({@code
   * ollama/ollama:latest}). The local tag is removed again, so the tool under test pulls it from
   * here. Returns the digest the registry now serves for {@code path}.
   */
  public String publish(String source, String path, String variant) {
    String ref = ref(path);
    try (TestDocker docker = TestDocker.connect()) {
      docker.build(
          "FROM " + source + "\nLABEL dev.ollamastack.test.variant=\"" + variant + "\"\n", ref);
      docker.push(ref, user, password);
      docker.untag(ref);
    }
    return digest(path);
  }

  /**
   * Publishes a model as Ollama's registry serves one: a config blob and a layer blob (small, made
   * from {@code variant}) uploaded, then a schema-2 manifest with Ollama's layer media type PUT as
   * {@code repository:tag} ({@code library/tiny}). Returns the manifest's bytes exactly as PUT:
   * their SHA-256 is the digest the registry serves, and what Ollama reports for the model once it
   * holds this manifest.
   */
  public byte[] publishModel(String repository, String tag, String variant) {
    byte[] config =
        ("{\"model_format\":\"gguf\",\"variant\":\"" + variant + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("weights of " + variant + "\n").getBytes(StandardCharsets.UTF_8);
    String configDigest = uploadBlob(repository, config);
    String layerDigest = uploadBlob(repository, layer);
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\","
                + "\"digest\":\""
                + configDigest
                + "\",\"size\":"
                + config.length
                + "},\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\""
                + layerDigest
                + "\",\"size\":"
                + layer.length
                + "}]}")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(
                    URI.create("http://" + host() + "/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
    if (r.statusCode() != 201) {
      throw new AssertionError("manifest PUT: HTTP " + r.statusCode() + " " + r.body());
    }
    return manifest;
  }

  private String uploadBlob(String repository, byte[] content) {
    String digest = "sha256:" + sha256Hex(content);
    HttpResponse<String> start =
        send(
            HttpRequest.newBuilder(
                    URI.create("http://" + host() + "/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    String location = start.headers().firstValue("Location").orElseThrow();
    URI base = URI.create("http://" + host() + "/").resolve(location);
    URI put = URI.create(base + (base.getQuery() == null ? "?" : "&") + "digest=" + digest);
    HttpResponse<String> done =
        send(
            HttpRequest.newBuilder(put)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    if (done.statusCode() != 201) {
      throw new AssertionError("blob upload: HTTP " + done.statusCode() + " " + done.body());
    }
    return digest;
  }

  private HttpResponse<String> send(HttpRequest.Builder req) {
    try {
      return HttpClient.newHttpClient()
          .send(req.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Removes every local reference to images of this registry (tags and digests: all made by the
   * test or pulled by the tool under test from here), never by force: an image still used by a
   * container stays.
   */
  public void removeLocalImages() {
    String list =
        DockerCli.tryRun(
            "image", "ls", "--digests", "--format", "{{.Repository}} {{.Tag}} {{.Digest}}");
    if (list == null) {
      return;
    }
    for (String line : list.split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length == 3 && f[0].startsWith(host() + "/")) {
        if (!"<none>".equals(f[1])) {
          DockerCli.tryRun("image", "rm", f[0] + ":" + f[1]);
        }
        if (!"<none>".equals(f[2])) {
          DockerCli.tryRun("image", "rm", f[0] + "@" + f[2]);
        }
      }
    }
  }

  /**
   * Takes the registry down when the daemon sends a request whose request line contains {@code
   * text} (e.g. {@code /v2/open-webui/}): that request and every later one fail as against a
   * stopped registry, until {@link #restart()}.
   */
  public void stopOn(String text) {
    gate.tripOn(text, this::stopProcess);
  }

  /** Starts it again, same port, same storage. */
  public void restart() throws IOException {
    stopProcess();
    gate.open();
    startProcess();
  }

  private String config() {
    String auth =
        user == null
            ? ""
            : """
            auth:
              htpasswd:
                realm: osit-registry
                path: %s
            """
                .formatted(dir.resolve("htpasswd"));
    return """
        version: 0.1
        log:
          level: warn
        storage:
          filesystem:
            rootdirectory: %s
          delete:
            enabled: true
        http:
          addr: 127.0.0.1:%d
        %s"""
        .formatted(dir.resolve("data"), internalPort, auth);
  }

  private synchronized void startProcess() throws IOException {
    process =
        new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("config.yml").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile()))
            .start();
    HttpClient http = HttpClient.newHttpClient();
    Awaitility.await("registry on " + host())
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptionsInstanceOf(IOException.class)
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
              }
              int code =
                  http.send(
                          HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/"))
                              .timeout(Duration.ofSeconds(2))
                              .build(),
                          HttpResponse.BodyHandlers.discarding())
                      .statusCode();
              return code == 200 || code == 401;
            });
  }

  private synchronized void stopProcess() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    removeLocalImages();
    stopProcess();
    gate.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
