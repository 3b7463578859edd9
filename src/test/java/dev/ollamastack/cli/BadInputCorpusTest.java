package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ollamastack.app.AppContext;
import dev.ollamastack.engine.EngineFactory;
import dev.ollamastack.engine.docker.DockerJavaEngineFactory;
import dev.ollamastack.testsupport.Converged;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeHost;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus, by the classes of issue #17: each case is what a hostile but realistic user
 * does, with the exit code and the words the answer must have. Every answer is the same shape: an
 * {@code error:} line (one per problem of a stack file), a {@code hint:}, no stack trace; and a
 * refusal leaves the state directory as it was. The stack-file cases of classes 3 and 4 also live,
 * line:column exact, in {@code src/test/resources/invalid/}.
 */
class BadInputCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STACK =
      "apiVersion: ollama-stack/v1\nkind: Stack\nspec:\n  platform: cpu\n"
          + "  extensions:\n    enabled: [time]\n";

  /** What a case arranges: files, environment, the engine. */
  static final class World {
    final Path dir;
    final Path home;
    final Map<String, String> env = new HashMap<>();
    final FakeDockerEngine engine =
        new FakeDockerEngine()
            .withImages(
                "ollama/ollama:latest",
                "ghcr.io/open-webui/open-webui:main",
                "ghcr.io/open-webui/mcpo:main");
    EngineFactory engines = () -> engine;
    Path stateHome;
    final List<AutoCloseable> servers = new ArrayList<>();

    World(Path dir) {
      this.dir = dir;
      this.home = dir.resolve("home");
      this.stateHome = home;
    }

    AppContext ctx() {
      return new AppContext(env, dir, stateHome, false, engines, new FakeHost());
    }

    CliRun run(String... args) {
      return CliRun.run(
          ctx(), c -> ((RootCommand) c.getCommand()).runners = Converged.RUNNERS, args);
    }

    World file(String name, String content) {
      try {
        Files.writeString(dir.resolve(name), content);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      return this;
    }

    /** The real Docker adapter, pointed by DOCKER_HOST at whatever the case serves. */
    void realEngineAt(String dockerHost) {
      env.put("DOCKER_HOST", dockerHost);
      engines = new DockerJavaEngineFactory(env);
    }

    void converge() {
      CliRun r = run("apply", "--yes");
      assertThat(r.exitCode()).as("%s", r.err()).isZero();
    }

    List<String> stateFiles() {
      if (!Files.exists(stateHome)) {
        return List.of();
      }
      try (Stream<Path> s = Files.walk(stateHome)) {
        return s.map(p -> stateHome.relativize(p) + (Files.isDirectory(p) ? "/" : ""))
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  /**
   * @param klass the class (3 validate … 9 flags)
   * @param refusal whether nothing may be written under the state directory
   */
  record Case(
      String klass,
      String name,
      Consumer<World> arrange,
      List<String> args,
      int exit,
      List<String> err,
      boolean refusal,
      Consumer<World> verify) {
    @Override
    public String toString() {
      return klass + ": " + name;
    }
  }

  static Case refusal(
      String klass,
      String name,
      Consumer<World> arrange,
      int exit,
      List<String> err,
      String... args) {
    return new Case(klass, name, arrange, List.of(args), exit, err, true, w -> {});
  }

  static Case answer(
      String klass,
      String name,
      Consumer<World> arrange,
      int exit,
      List<String> err,
      String... args) {
    return new Case(klass, name, arrange, List.of(args), exit, err, false, w -> {});
  }

  static Stream<Case> cases() {
    return Stream.of(
        // 3: values Docker or DNS would reject, refused at validate with file:line:col
        refusal(
            "3 validate",
            "escape sequence in an env value",
            w ->
                w.file(
                    "ollama-stack.yaml",
                    STACK
                        + "  services:\n    webui:\n      env:\n"
                        + "        WEBUI_NAME: \"\\e[31mred\"\n"),
            3,
            List.of(
                "ollama-stack.yaml:10:21: spec.services.webui.env.WEBUI_NAME: contains the"
                    + " control character U+001B"),
            "validate"),
        refusal(
            "3 validate",
            "installation name making a container name past 63 characters",
            w ->
                w.file(
                    "ollama-stack.yaml",
                    "apiVersion: ollama-stack/v1\nkind: Stack\nmetadata:\n"
                        + "  name: "
                        + "n".repeat(60)
                        + "\n"),
            3,
            List.of(
                "ollama-stack.yaml:4:9: metadata.name: makes the container name",
                "use at most 53 characters"),
            "plan"),
        // 4: pathological input, one line and exit 3, before Docker is asked anything
        refusal(
            "4 pathological",
            "2000 levels of nesting",
            w -> {
              w.file(
                  "ollama-stack.yaml",
                  STACK + "  x: " + "[".repeat(2000) + "]".repeat(2000) + "\n");
              w.engine.unreachable = true;
            },
            3,
            List.of("ollama-stack.yaml:7:68: nested more than 64 levels deep"),
            "apply",
            "--yes"),
        refusal(
            "4 pathological",
            "a file of binary garbage",
            w -> w.file("ollama-stack.yaml", "\u0000\u0001\u0002garbage"),
            3,
            List.of("binary data (NUL byte)"),
            "plan"),
        // 5: the environment, diagnosed in one line
        refusal(
            "5 environment",
            "DOCKER_HOST is a web server, not Docker",
            w ->
                w.realEngineAt(
                    "tcp://127.0.0.1:" + httpServer(w, 404, "<html><body>Not Found</body></html>")),
            4,
            List.of("no Docker engine at tcp://127.0.0.1:", "HTTP 404 with an HTML page"),
            "plan"),
        refusal(
            "5 environment",
            "DOCKER_HOST answers /_ping but not Docker's JSON",
            w ->
                w.realEngineAt("tcp://127.0.0.1:" + httpServer(w, 200, "<!DOCTYPE html><p>hi</p>")),
            4,
            List.of("no Docker engine at", "not the Docker Engine API"),
            "status"),
        refusal(
            "5 environment",
            "DOCKER_HOST is a service that does not speak HTTP",
            w -> w.realEngineAt("tcp://127.0.0.1:" + bannerServer(w)),
            4,
            List.of("tcp://127.0.0.1:"),
            "plan"),
        refusal(
            "5 environment",
            "DOCKER_HOST with a scheme docker-java cannot use",
            w -> w.realEngineAt("ssh://me@gpu-box"),
            4,
            List.of(
                "DOCKER_HOST=ssh://me@gpu-box: ollama-stack cannot connect through ssh://",
                "hint: use unix:///var/run/docker.sock, tcp://HOST:2375"),
            "plan"),
        refusal(
            "5 environment",
            "DOCKER_HOST that is no address",
            w -> w.realEngineAt("tcp://"),
            4,
            List.of("DOCKER_HOST=tcp:// is not an engine address"),
            "plan"),
        refusal(
            "5 environment",
            "OLLAMA_STACK_HOME is a file",
            w -> {
              w.file("home-file", "x");
              w.stateHome = w.dir.resolve("home-file");
            },
            4,
            List.of(
                "state directory ",
                "home-file ($OLLAMA_STACK_HOME, default ~/.ollama-stack)" + " is unusable",
                "is not a directory"),
            "plan"),
        refusal(
            "5 environment",
            "OLLAMA_STACK_HOME where nobody can write",
            w -> w.stateHome = Path.of("/proc/self/ollama-stack-home"),
            4,
            List.of("state directory /proc/self/ollama-stack-home", "cannot be created"),
            "apply",
            "--yes"),
        // 6: a secrets file others can read is narrowed before it is read
        new Case(
            "6 secrets",
            "secrets.env readable by others",
            w -> {
              w.converge();
              try {
                Files.setPosixFilePermissions(
                    w.home.resolve("ollama-stack/secrets.env"),
                    PosixFilePermissions.fromString("rw-r--r--"));
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            },
            List.of("plan"),
            0,
            List.of(
                "warning: secrets file",
                "was readable by others (rw-r--r--):" + " narrowed to rw-------"),
            false,
            w -> {
              try {
                assertThat(
                        PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(
                                w.home.resolve("ollama-stack/secrets.env"))))
                    .isEqualTo("rw-------");
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            }),
        // 7: machine output on failure
        refusal(
            "7 -o json",
            "plan -o json of an invalid file",
            w -> w.file("ollama-stack.yaml", STACK + "  platfrom: cpu\n"),
            3,
            List.of("did you mean \"platform\""),
            "plan",
            "-o",
            "json"),
        refusal(
            "7 -o json",
            "status -o yaml with Docker down",
            w -> w.engine.unreachable = true,
            4,
            List.of("cannot reach the Docker engine"),
            "status",
            "-o",
            "yaml"),
        refusal(
            "7 -o json",
            "a bad flag before -o json",
            w -> {},
            3,
            List.of("Unknown option: '--frobnicate'"),
            "plan",
            "--frobnicate",
            "-o",
            "json"),
        // 8: saved plans and refusals write nothing
        refusal(
            "8 refusals",
            "apply without --yes and without a terminal",
            w -> {},
            5,
            List.of("confirmation needed but stdin is not a terminal"),
            "apply"),
        refusal(
            "8 refusals",
            "apply of a saved plan with -f naming another file",
            w -> {
              w.file("a.yaml", STACK).file("b.yaml", STACK);
              CliRun save =
                  w.run("-f", "a.yaml", "plan", "--out", w.dir.resolve("p.json").toString());
              assertThat(save.exitCode()).isZero();
            },
            3,
            List.of("the saved plan was made from ", "a.yaml, not ", "b.yaml"),
            "-f",
            "b.yaml",
            "apply",
            "p.json"),
        // 9: flags that mean nothing
        refusal(
            "9 flags",
            "logs --tail -3",
            w -> {},
            3,
            List.of("--tail must be 0 or more"),
            "logs",
            "--tail",
            "-3"),
        refusal(
            "9 flags",
            "logs --since after --until",
            w -> {},
            3,
            List.of("is after --until"),
            "logs",
            "--since",
            "2026-05-02T00:00:00Z",
            "--until",
            "2026-05-01T00:00:00Z"),
        refusal(
            "9 flags",
            "plan --out into a missing directory",
            w -> {},
            3,
            List.of("--out ", "does not exist", "hint: create it first"),
            "plan",
            "--out",
            "/nonexistent-dir/plan.json"),
        refusal(
            "9 flags",
            "plan --out naming a directory",
            w -> {},
            3,
            List.of("is a directory"),
            "plan",
            "--out",
            "/tmp"),
        refusal(
            "9 flags",
            "apply --timeout 0",
            w -> {},
            3,
            List.of("'0' must be more than 0"),
            "apply",
            "--yes",
            "--timeout",
            "0"),
        refusal(
            "9 flags",
            "apply --lock-timeout negative",
            w -> {},
            3,
            List.of("is negative"),
            "apply",
            "--yes",
            "--lock-timeout",
            "PT-5S"));
  }

  @TempDir Path dir;
  World world;

  @AfterEach
  void stopServers() throws Exception {
    if (world != null) {
      for (AutoCloseable s : world.servers) {
        s.close();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersWithTheExitCodeAndOneLineWhyAndAHint(Case c) throws Exception {
    world = new World(dir);
    c.arrange().accept(world);
    List<String> before = world.stateFiles();
    CliRun r = world.run(c.args().toArray(String[]::new));

    assertThat(r.exitCode()).as("%s%n%s", c, r.err()).isEqualTo(c.exit());
    assertThat(r.err()).as("%s", c).contains(c.err());
    assertThat(r.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception:");
    if (c.exit() != 0) {
      assertThat(r.err().lines().filter(l -> l.startsWith("error: ")))
          .as("%s", r.err())
          .isNotEmpty();
      assertThat(r.err().lines().filter(l -> l.startsWith("hint: "))).as("%s", r.err()).hasSize(1);
      assertThat(
              r.err()
                  .lines()
                  .filter(
                      l ->
                          !l.startsWith("error: ")
                              && !l.startsWith("hint: ")
                              && !l.startsWith("warning: ")
                              && !l.startsWith("Did you mean")
                              && !l.isBlank()
                              && !l.startsWith("  ")
                              && !l.startsWith("Plan:")
                              && !l.startsWith("No changes")
                              && !l.startsWith("Docker engine")
                              && !l.startsWith("Platform")))
          .as("only error, hint and warning lines on stderr:%n%s", r.err())
          .isEmpty();
    }
    if (c.args().contains("json") || c.args().contains("yaml")) {
      JsonNode doc =
          c.args().contains("json")
              ? JSON.readTree(r.out())
              : new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                  .readTree(r.out());
      assertThat(doc.path("error").path("code").asInt()).as(r.out()).isEqualTo(c.exit());
      assertThat(doc.path("error").path("message").asText()).isNotBlank();
      assertThat(doc.path("error").path("hint").asText()).isNotBlank();
    }
    if (c.refusal()) {
      assertThat(world.stateFiles()).as("a refusal writes nothing").isEqualTo(before);
    }
    c.verify().accept(world);
  }

  /** An HTTP server answering every request with {@code status} and {@code body}. */
  static int httpServer(World w, int status, String body) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          ex -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
              out.write(bytes);
            }
          });
      server.start();
      w.servers.add(() -> server.stop(0));
      return server.getAddress().getPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A TCP service that greets with a banner and hangs up, as SSH or SMTP would. */
  static int bannerServer(World w) {
    try {
      ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
      Thread t =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!socket.isClosed()) {
                      try (Socket s = socket.accept()) {
                        s.getOutputStream()
                            .write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.UTF_8));
                      } catch (IOException e) {
                        return;
                      }
                    }
                  });
      w.servers.add(
          () -> {
            socket.close();
            t.join();
          });
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
