package dev.ollamastack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.testsupport.DockerAvailable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive ({@code -Prelease}) works where no JDK is: unpacked in a clean directory, run
 * with an environment of its own ({@code env -i}, a PATH holding only a few shell tools and no
 * {@code java}, no {@code JAVA_HOME}), it answers {@code --version}, validates an example and plans
 * against the real daemon; its man pages render without warnings; {@code install.sh} installs and
 * uninstalls it under a prefix.
 */
@DockerAvailable
class ReleaseArchiveIT {
  static final List<String> TOOLS =
      List.of("bash", "env", "dirname", "readlink", "cat", "mkdir", "rm", "cp", "ln", "sed", "pwd");

  @TempDir static Path tmp;
  static Path dist;
  static Path path;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void unpack() throws Exception {
    Path archive;
    try (Stream<Path> s = Files.list(Path.of("target"))) {
      archive =
          s.filter(p -> p.getFileName().toString().matches("ollama-stack-.*-linux-x64\\.tar\\.gz"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no release archive: build with -Prelease"));
    }
    Path into = Files.createDirectories(tmp.resolve("unpacked"));
    assertThat(exec(List.of("tar", "-C", into.toString(), "-xzf", archive.toString()), null).exit)
        .isZero();
    try (Stream<Path> s = Files.list(into)) {
      dist = s.findFirst().orElseThrow();
    }
    path = Files.createDirectories(tmp.resolve("path"));
    for (String t : TOOLS) {
      Files.createSymbolicLink(path.resolve(t), which(t));
    }
    Files.createDirectories(tmp.resolve("home"));
  }

  @Test
  void runsWithoutAJdk() throws Exception {
    Run v = tool("--version");
    assertThat(v.exit).as(v.err).isZero();
    assertThat(v.out).startsWith("ollama-stack ");

    Run json = tool("version", "-o", "json");
    assertThat(json.exit).as(json.err).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.out);
    assertThat(doc.path("java").path("bundled").asBoolean()).isTrue();
    assertThat(doc.path("java").path("home").asText()).startsWith(dist.toString());
    assertThat(doc.path("docker").path("reachable").asBoolean()).isTrue();

    Run validate = tool("validate", "-f", dist.resolve("examples/cpu.yaml").toString());
    assertThat(validate.exit).as(validate.err).isZero();

    Run plan =
        tool("-f", dist.resolve("examples/minimal.yaml").toString(), "plan", "--detailed-exitcode");
    assertThat(plan.exit).as(plan.out + plan.err).isIn(0, 2);
    assertThat(plan.out).contains("Plan:");
  }

  @Test
  void everyManPageRendersWithoutWarnings() throws Exception {
    List<Path> pages;
    try (Stream<Path> s = Files.list(dist.resolve("share/man/man1"))) {
      pages = s.sorted().toList();
    }
    assertThat(pages.stream().map(p -> p.getFileName().toString()))
        .contains("ollama-stack.1", "ollama-stack-plan.1", "ollama-stack-config-view.1");
    for (Path page : pages) {
      List<String> man = List.of("man", "-l", "--warnings", "-E", "UTF-8", page.toString());
      Run r =
          exec(man, List.of("MANWIDTH=80", "PATH=/usr/bin:/bin", "HOME=" + tmp.resolve("home")));
      assertThat(r.exit).as(page + ": " + r.err).isZero();
      assertThat(r.err).as(page.toString()).isEmpty();
      assertThat(r.out).as(page.toString()).contains("NAME");
    }
  }

  @Test
  void installShPutsItOnThePathAndUninstalls() throws Exception {
    Path prefix = tmp.resolve("prefix");
    List<String> install =
        List.of(dist.resolve("install.sh").toString(), "--prefix", prefix.toString());
    for (int i = 0; i < 2; i++) { // idempotent: the second run replaces the first
      Run r = exec(install, env());
      assertThat(r.exit).as(r.out + r.err).isZero();
    }
    Run v = exec(List.of(prefix.resolve("bin/ollama-stack").toString(), "--version"), env());
    assertThat(v.exit).as(v.err).isZero();
    assertThat(prefix.resolve("share/man/man1/ollama-stack-logs.1")).exists();
    assertThat(prefix.resolve("share/bash-completion/completions/ollama-stack")).exists();
    assertThat(prefix.resolve("share/zsh/site-functions/_ollama-stack")).exists();
    assertThat(prefix.resolve("share/fish/vendor_completions.d/ollama-stack.fish")).exists();

    List<String> uninstall = new ArrayList<>(install);
    uninstall.add("--uninstall");
    assertThat(exec(uninstall, env()).exit).isZero();
    assertThat(prefix.resolve("bin/ollama-stack")).doesNotExist();
    assertThat(prefix.resolve("lib/ollama-stack")).doesNotExist();
    assertThat(prefix.resolve("share/man/man1/ollama-stack-logs.1")).doesNotExist();
  }

  private static List<String> env() {
    return List.of(
        "PATH=" + path,
        "HOME=" + tmp.resolve("home"),
        "OLLAMA_STACK_HOME=" + tmp.resolve("home/state"),
        "NO_COLOR=1");
  }

  private static Run tool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(dist.resolve("bin/ollama-stack").toString());
    cmd.addAll(List.of(args));
    return exec(cmd, env());
  }

  /** Runs {@code cmd} under {@code env -i} with exactly {@code env}, or inherited when null. */
  private static Run exec(List<String> cmd, List<String> env) throws Exception {
    List<String> full = new ArrayList<>();
    if (env != null) {
      full.add("/usr/bin/env");
      full.add("-i");
      full.addAll(env);
    }
    full.addAll(cmd);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p =
        new ProcessBuilder(full)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(full + " did not finish");
    }
    return new Run(p.exitValue(), read(out), read(err));
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private static Path which(String tool) {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new AssertionError(tool + " not found in /usr/bin or /bin");
  }
}
