package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion scripts, loaded where possible by the shell they are for. */
class CompletionCommandTest {
  @TempDir Path dir;

  @Test
  void bashOffersCommandsFormatsServicesAndInstallations() throws Exception {
    for (String name : List.of("ollama-stack", "lab")) {
      Files.createDirectories(dir.resolve("state").resolve(name));
      Files.writeString(dir.resolve("state").resolve(name).resolve("secrets.env"), "");
    }
    Files.createDirectories(dir.resolve("state/backups")); // the older CLI's, not an installation
    Path script = write("completion.bash", run("completion", "bash"));

    assertThat(complete(script, "lo")).containsExactly("logs");
    assertThat(complete(script, "logs", ""))
        .contains("ollama", "webui", "mcp-proxy", "time", "fetch", "memory");
    assertThat(complete(script, "restart", "we")).containsExactly("webui");
    assertThat(complete(script, "status", "-o", "")).containsExactly("text", "json", "yaml");
    assertThat(complete(script, "plan", "--det")).containsExactly("--detailed-exitcode");
    assertThat(complete(script, "init", "--name", "")).containsExactly("lab", "ollama-stack");
    assertThat(complete(script, "config", "")).contains("view");
    assertThat(complete(script, "__")).isEmpty(); // the hidden training command is not offered
  }

  @Test
  void zshGetsTheBashScriptBehindCompdef() {
    String zsh = run("completion", "zsh");
    assertThat(zsh).startsWith("#compdef ollama-stack\n").contains("bashcompinit");
    assertThat(zsh.substring(zsh.indexOf('\n') + 1)).isEqualTo(run("completion", "bash"));
  }

  @Test
  void fishCompletesFromTheSameModel() {
    String fish = run("completion", "fish");
    assertThat(fish)
        .contains("complete -c ollama-stack -n '__fish_use_subcommand' -a 'logs'")
        .contains(
            "complete -c ollama-stack -n '__fish_seen_subcommand_from logs'"
                + " -a 'ollama webui mcp-proxy fetch filesystem memory time'")
        .contains("-n '__fish_seen_subcommand_from status' -s o -l output -x -a 'text json yaml'")
        .contains(
            "-n '__fish_seen_subcommand_from config; and not __fish_seen_subcommand_from view'"
                + " -a 'view'")
        .doesNotContain("__cds-training")
        .doesNotContain("%n");
  }

  @Test
  void anUnknownShellIsInvalidInput() {
    CliRun r = CliRun.run(dir, dir.resolve("state"), Map.of(), "completion", "tcsh");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("tcsh");
  }

  private String run(String... args) {
    CliRun r = CliRun.run(dir, dir.resolve("state"), Map.of(), args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r.out();
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  /** What a real bash offers for {@code ollama-stack WORDS…<TAB>} (the last word is completed). */
  private List<String> complete(Path script, String... words) throws Exception {
    StringBuilder w = new StringBuilder("ollama-stack");
    for (String word : words) {
      w.append(" '").append(word).append('\'');
    }
    String line = "ollama-stack " + String.join(" ", words);
    Path driver =
        write(
            "driver.bash",
            "source '"
                + script
                + "'\n"
                + "COMP_WORDS=("
                + w
                + ")\nCOMP_CWORD="
                + words.length
                + "\nCOMP_LINE='"
                + line
                + "'\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_ollama-stack 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n");
    Process p =
        new ProcessBuilder("bash", "--norc", "--noprofile", driver.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().filter(l -> !l.isBlank()).toList();
  }
}
