package dev.ollamastack.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged CLI ({@code target/ollama-stack.jar}) as a separate process, the way users do:
 * real exit codes, real stdout/stderr, no stdin, a private {@code OLLAMA_STACK_HOME}.
 */
public final class Cli {
  private final Path workDir;
  private final Map<String, String> env = new HashMap<>();
  // Inherited variables to drop, e.g. DOCKER_HOST for a test of Docker contexts.
  private final Set<String> unset = new HashSet<>();
  private final List<String> prefix = new ArrayList<>();

  public Cli(Path workDir, Path stateHome) {
    this.workDir = workDir;
    env.put("OLLAMA_STACK_HOME", stateHome.toString());
    env.put("NO_COLOR", "1");
  }

  public Cli env(String key, String value) {
    env.put(key, value);
    unset.remove(key);
    return this;
  }

  /** The same CLI (environment, state home) run from another working directory. */
  public Cli inDirectory(Path dir) {
    Cli other = new Cli(dir, Path.of(env.get("OLLAMA_STACK_HOME")));
    other.env.putAll(env);
    other.unset.addAll(unset);
    return other;
  }

  /** Runs without {@code key}, even when this JVM's environment has it. */
  public Cli unsetEnv(String key) {
    env.remove(key);
    unset.add(key);
    return this;
  }

  /** Runs the CLI under {@code command} (e.g. {@code nsenter} into another network namespace). */
  public Cli prefix(List<String> command) {
    prefix.clear();
    prefix.addAll(command);
    return this;
  }

  /** The outcome of one run. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  public static Path jar() {
    String p = System.getProperty("ollamastack.jar", "target/ollama-stack.jar");
    return Path.of(p).toAbsolutePath();
  }

  public Result run(String... args) {
    return runWithStdin(null, args);
  }

  /** A run with {@code stdin} (or nothing, when null) on its standard input. */
  public Result runWithStdin(String stdin, String... args) {
    try {
      Process p = startWithStdin(stdin, args);
      if (!p.waitFor(6, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("ollama-stack " + String.join(" ", args) + " did not finish");
      }
      return collect(p);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Starts the CLI without waiting; stdout and stderr go to temp files read by {@link #collect}.
   */
  public Process start(String... args) throws IOException {
    return startWithStdin(null, args);
  }

  private Process startWithStdin(String stdin, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().keySet().removeAll(unset);
    pb.environment().putAll(env);
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    } else {
      Path in = Files.createTempFile("cli-in", ".txt");
      Files.writeString(in, stdin);
      in.toFile().deleteOnExit();
      pb.redirectInput(in.toFile());
    }
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    Process p = pb.start();
    OUTPUTS.put(p, new Path[] {out, err});
    return p;
  }

  private static final Map<Process, Path[]> OUTPUTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  public static Result collect(Process p) throws IOException, InterruptedException {
    p.waitFor(6, TimeUnit.MINUTES);
    Path[] files = OUTPUTS.remove(p);
    String out = Files.readString(files[0], StandardCharsets.UTF_8);
    String err = Files.readString(files[1], StandardCharsets.UTF_8);
    Files.deleteIfExists(files[0]);
    Files.deleteIfExists(files[1]);
    return new Result(p.exitValue(), out, err);
  }

  /** Current stderr of a running process (for waiting on a progress line). */
  public static String stderrSoFar(Process p) throws IOException {
    Path[] files = OUTPUTS.get(p);
    return files == null ? "" : Files.readString(files[1], StandardCharsets.UTF_8);
  }

  /** Current stdout of a running process (for following a controller's log). */
  public static String stdoutSoFar(Process p) throws IOException {
    Path[] files = OUTPUTS.get(p);
    return files == null ? "" : Files.readString(files[0], StandardCharsets.UTF_8);
  }
}
