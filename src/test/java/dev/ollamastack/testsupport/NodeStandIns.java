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
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Stand-in images that run real MCP servers, built offline: a Debian bookworm base made by {@code
 * mmdebstrap} with {@code nodejs} and {@code curl} from the Debian mirror ({@code docker import},
 * about a minute, cached by its recipe's hash in the tag), the npm packages of {@code
 * src/test/standins/mcpo-node/package.json} installed on the host and copied in, and the stand-in's
 * own files. Each image is rebuilt only when the hash of what goes into it changes.
 */
public final class NodeStandIns {
  /** The mcpo stand-in on the official MCP SDK, with the reference servers for npx. */
  public static final String MCPO = "ollama-stack-test/mcpo-node:latest";

  /** The reference "everything" server over streamable HTTP on port 3001: a container extension. */
  public static final String EVERYTHING = "ollama-stack-test/mcp-everything:latest";

  static final String BASE_RECIPE =
      "mmdebstrap --variant=minbase --include=nodejs,curl,ca-certificates bookworm -";

  private static boolean built;

  private NodeStandIns() {}

  public static synchronized void ensureBuilt() {
    if (built) {
      return;
    }
    long start = System.nanoTime();
    String base = ensureBase();
    Path source = StandInImages.standinsDir().resolve("mcpo-node");
    try (TestDocker docker = TestDocker.connect();
        DockerEngine engine = new DockerJavaEngineFactory(System.getenv()).connect()) {
      String hash = hash(source, base);
      if (!current(docker, MCPO, hash)) {
        Path modules = npmInstall(source);
        build(engine, source, modules, base, MCPO, hash, null);
      }
      String everythingHash = hash + "-everything";
      if (!current(docker, EVERYTHING, everythingHash)) {
        String dockerfile =
            "FROM "
                + MCPO
                + "\nENV PORT=3001\nEXPOSE 3001\nENTRYPOINT []\nCMD [\"node\","
                + " \"/opt/mcp/node_modules/@modelcontextprotocol/server-everything/dist/index.js\","
                + " \"streamableHttp\"]\n";
        build(engine, null, null, base, EVERYTHING, everythingHash, dockerfile);
      }
    }
    built = true;
    System.err.printf(
        "MCP stand-in images ready in %d ms%n", (System.nanoTime() - start) / 1_000_000);
  }

  private static boolean current(TestDocker docker, String tag, String hash) {
    return docker
        .imageLabels(tag)
        .map(l -> hash.equals(l.get(StandInImages.HASH_LABEL)))
        .orElse(false);
  }

  /** The Debian base, imported once per recipe: {@code ollama-stack-test/debian-node:<hash>}. */
  static String ensureBase() {
    String tag = "ollama-stack-test/debian-node:bookworm-" + sha256(BASE_RECIPE).substring(0, 12);
    try (TestDocker docker = TestDocker.connect()) {
      if (docker.imageId(tag).isPresent()) {
        return tag;
      }
    }
    run(
        List.of(
            "bash",
            "-o",
            "pipefail",
            "-c",
            BASE_RECIPE
                + " | docker import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "
                + tag),
        "the Debian base image (needs mmdebstrap: apt-get install -y mmdebstrap, and root)");
    return tag;
  }

  /** {@code npm install} on the host into a cache under target/, keyed by package.json. */
  private static Path npmInstall(Path source) {
    try {
      byte[] pkg = Files.readAllBytes(source.resolve("package.json"));
      Path dir =
          Path.of(System.getProperty("basedir", "."))
              .resolve("target/standin-npm/" + sha256(new String(pkg, StandardCharsets.UTF_8)));
      if (!Files.isDirectory(dir.resolve("node_modules/@modelcontextprotocol/sdk"))) {
        Files.createDirectories(dir);
        Files.write(dir.resolve("package.json"), pkg);
        // The registry is across the network: a failed install (npm retries each request itself)
        // is tried again from scratch, twice, before the test fails on it.
        for (int attempt = 1; ; attempt++) {
          try {
            run(
                List.of("npm", "install", "--no-audit", "--no-fund", "--omit=dev", "--prefix", "."),
                dir,
                "npm packages of " + source.resolve("package.json") + " (needs npm)");
            break;
          } catch (IllegalStateException e) {
            if (attempt == 3 || Thread.currentThread().isInterrupted()) {
              throw e;
            }
            System.err.printf(
                "npm install, attempt %d of 3, failed: %s%n", attempt, e.getMessage());
            deleteTree(dir.resolve("node_modules"));
          }
        }
      }
      return dir.resolve("node_modules");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void build(
      DockerEngine engine,
      Path source,
      Path modules,
      String base,
      String tag,
      String hash,
      String dockerfile) {
    Path context = null;
    try {
      context = Files.createTempDirectory("ollama-stack-mcp-standin-");
      String text = dockerfile;
      if (source != null) {
        for (Path f : files(source)) {
          Files.copy(f, context.resolve(f.getFileName().toString()));
        }
        copyTree(modules, context.resolve("node_modules"));
        text = Files.readString(source.resolve("Dockerfile")).replace("${BASE}", base);
      }
      Files.writeString(
          context.resolve("Dockerfile"),
          text + "\nLABEL " + StandInImages.HASH_LABEL + "=\"" + hash + "\"\n");
      engine.buildImage(context, tag);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(context);
    }
  }

  private static String hash(Path source, String base) {
    try {
      StringBuilder sb = new StringBuilder(base);
      for (Path f : files(source)) {
        sb.append('\0').append(f.getFileName()).append('\0').append(Files.readString(f));
      }
      return sha256(sb.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(List<String> command, String what) {
    run(command, null, what);
  }

  private static void run(List<String> command, Path dir, String what) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      Path out = Files.createTempFile("ollama-stack-standin-", ".log");
      Process p = pb.redirectOutput(out.toFile()).start();
      int code = p.waitFor();
      if (code != 0) {
        List<String> lines = Files.readAllLines(out);
        throw new IllegalStateException(
            "building "
                + what
                + " failed (exit "
                + code
                + "):\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
      }
      Files.deleteIfExists(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building " + what, e);
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
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

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
