package dev.ollamastack.testsupport;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.docker.DockerJavaEngineFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The stand-in images of ollama, Open WebUI and mcpo, built from {@code src/test/standins/} (no
 * registry is needed): busybox shell scripts that mirror the real images' interfaces and traps (see
 * each Dockerfile).
 *
 * <p>Tags are content-addressed ({@code ollama-stack-test/ollama:<hash>}, the hash of the image's
 * files): other checkouts on the same daemon build their own stand-ins, and a shared {@code
 * :latest} would be retagged under a running test by whichever built last. Each image is built at
 * most once per JVM and daemon, and not at all when its tag exists with the content hash (label
 * {@value #HASH_LABEL}): IT classes call {@link #ensureBuilt()} freely. On the shared daemon,
 * images are tagged only under {@code ollama-stack-test/...}; {@link #tagAsRealNames(Map)} adds the
 * real names, for tests of the tool's defaults, only on a private throwaway daemon ({@link
 * PrivateDockerd}), so a real image on the machine is never replaced, hidden or in the way.
 */
public final class StandInImages {
  private static final Path BUSYBOX = Path.of("/bin/busybox");

  public static final String OLLAMA = tag("ollama", "ollama");
  public static final String WEBUI = tag("open-webui", "webui");
  public static final String MCPO = tag("mcpo", "mcpo");

  /** Stand-in tag → the real image's default reference. */
  public static final Map<String, String> REAL_NAMES =
      Map.of(
          OLLAMA, "ollama/ollama:latest",
          WEBUI, "ghcr.io/open-webui/open-webui:main",
          MCPO, "ghcr.io/open-webui/mcpo:main");

  public static final String HASH_LABEL = "dev.ollamastack.test.standin-hash";

  private static final Map<String, String> SOURCES =
      Map.of(OLLAMA, "ollama", WEBUI, "webui", MCPO, "mcpo");
  private static final Set<String> BUILT_ON = new HashSet<>();

  private StandInImages() {}

  /**
   * Builds the images from the command line (bench/build-standins.sh) and also tags them {@code
   * :latest} for the benchmark's compose file; tests never use {@code :latest}.
   */
  public static void main(String[] args) {
    ensureBuilt();
    try (TestDocker docker = TestDocker.connect()) {
      for (String tag : List.of(OLLAMA, WEBUI, MCPO)) {
        String latest = tag.substring(0, tag.lastIndexOf(':')) + ":latest";
        docker.tag(tag, latest);
        System.out.println(latest);
      }
    }
  }

  private static String tag(String repository, String source) {
    String version;
    try {
      version = contentHash(standinsDir().resolve(source)).substring(0, 12);
    } catch (RuntimeException e) {
      version = "unbuildable"; // ensureBuilt says why (no busybox, no sources)
    }
    return "ollama-stack-test/" + repository + ":" + version;
  }

  /** Builds the three images on the test JVM's daemon if needed (quick after the first call). */
  public static void ensureBuilt() {
    ensureBuilt(System.getenv());
  }

  /**
   * Builds the three images if needed on the daemon that {@code env} names ({@code DOCKER_HOST}),
   * through the engine API; returns quickly after the first call per daemon in a JVM.
   */
  public static synchronized void ensureBuilt(Map<String, String> env) {
    String host = new DockerJavaEngineFactory(env).host();
    if (BUILT_ON.contains(host)) {
      return;
    }
    if (!Files.isReadable(BUSYBOX)) {
      throw new IllegalStateException(
          "/bin/busybox missing: install busybox-static (apt-get install -y busybox-static)");
    }
    long start = System.nanoTime();
    List<String> rebuilt = new ArrayList<>();
    try (TestDocker docker = TestDocker.connect(env);
        DockerEngine engine = new DockerJavaEngineFactory(env).connect()) {
      for (String tag : List.of(OLLAMA, WEBUI, MCPO)) {
        Path source = standinsDir().resolve(SOURCES.get(tag));
        String hash = contentHash(source);
        boolean current =
            docker.imageLabels(tag).map(l -> hash.equals(l.get(HASH_LABEL))).orElse(false);
        if (!current) {
          build(engine, source, tag, hash);
          rebuilt.add(tag);
        }
      }
    }
    BUILT_ON.add(host);
    System.err.printf(
        "stand-in images ready on %s in %d ms (built: %s)%n",
        host,
        (System.nanoTime() - start) / 1_000_000,
        rebuilt.isEmpty() ? "none, all current" : rebuilt);
  }

  public static String ollama() {
    ensureBuilt();
    return OLLAMA;
  }

  public static String webui() {
    ensureBuilt();
    return WEBUI;
  }

  public static String mcpo() {
    ensureBuilt();
    return MCPO;
  }

  /**
   * Builds the stand-ins on the private daemon {@code env} names and tags each under its real name
   * there. Refuses the test JVM's own daemon (the one users and other tests share), and any image
   * that already has a real name: a real image is never replaced.
   */
  public static synchronized void tagAsRealNames(Map<String, String> env) {
    String host = new DockerJavaEngineFactory(env).host();
    if (host.equals(new DockerJavaEngineFactory(System.getenv()).host())) {
      throw new IllegalStateException(
          "real image names are tagged only on a private daemon, not on " + host);
    }
    ensureBuilt(env);
    try (TestDocker docker = TestDocker.connect(env)) {
      for (Map.Entry<String, String> e : new TreeMap<>(REAL_NAMES).entrySet()) {
        if (docker.imageId(e.getValue()).isPresent()) {
          throw new IllegalStateException(
              "an image " + e.getValue() + " exists on " + host + "; not replacing it");
        }
        docker.tag(e.getKey(), e.getValue());
      }
    }
  }

  /** {@code src/test/standins} of this checkout (Maven runs tests in the project directory). */
  static Path standinsDir() {
    Path dir = Path.of(System.getProperty("basedir", ".")).resolve("src/test/standins");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("stand-in sources not found at " + dir.toAbsolutePath());
    }
    return dir;
  }

  private static void build(DockerEngine engine, Path source, String tag, String hash) {
    Path context = null;
    try {
      context = Files.createTempDirectory("ollama-stack-standin-");
      for (Path dir : List.of(source.resolveSibling("common"), source)) {
        for (Path f : files(dir)) {
          Files.copy(
              f, context.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.copy(BUSYBOX, context.resolve("busybox-tools"));
      Path hidden = source.resolve("hidden-applets");
      List<String> applets =
          Files.exists(hidden) ? List.of(Files.readString(hidden).trim().split("\\s+")) : List.of();
      Files.write(
          context.resolve("busybox"), BusyboxApplets.hide(Files.readAllBytes(BUSYBOX), applets));
      for (String exe : List.of("busybox", "busybox-tools")) {
        context.resolve(exe).toFile().setExecutable(true, false);
      }
      Files.writeString(
          context.resolve("Dockerfile"),
          "\nLABEL " + HASH_LABEL + "=\"" + hash + "\"\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
      engine.buildImage(context, tag);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(context);
    }
  }

  // Hash of everything that goes into an image: common files, its own files, busybox.
  static String contentHash(Path source) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path dir : List.of(source.resolveSibling("common"), source)) {
        for (Path f : files(dir)) {
          sha.update(
              (dir.getFileName() + "/" + f.getFileName() + "\0").getBytes(StandardCharsets.UTF_8));
          sha.update(Files.readAllBytes(f));
        }
      }
      sha.update(Files.readAllBytes(BUSYBOX));
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
