package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.testsupport.FakeDockerEngine;
import dev.ollamastack.testsupport.FakeHost;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A run builds the model of the subcommand it invokes only; help and typos get all of them. */
class SubcommandsTest {
  @TempDir Path dir;

  CommandLine built(String... args) {
    AppContext ctx =
        new AppContext(
            Map.of(), dir, dir.resolve("home"), false, FakeDockerEngine::new, new FakeHost());
    return Main.build(ctx, false, r -> Subcommands.addFor(r, args));
  }

  @Test
  void onlyTheInvokedSubcommandIsBuilt() {
    assertThat(built("plan", "-o", "json").getSubcommands()).containsOnlyKeys("plan");
    assertThat(built("-f", "x.yaml", "--verbose", "status").getSubcommands())
        .containsOnlyKeys("status");
    assertThat(built("install").getSubcommands()).containsOnlyKeys("init", "install");
    assertThat(built("--version").getSubcommands()).isEmpty();
  }

  @Test
  void helpNoArgumentsAndUnknownNamesGetEverySubcommand() {
    int all = Main.commandLine(null, false).getSubcommands().size();
    assertThat(built().getSubcommands()).hasSize(all);
    assertThat(built("help", "plan").getSubcommands()).hasSize(all);
    assertThat(built("--help").getSubcommands()).hasSize(all);
    assertThat(built("plna").getSubcommands()).hasSize(all);
  }

  @Test
  void theLazyCommandLineRunsLikeTheFullOne() {
    CliRun lazy = CliRun.run(built("validate"), "validate");
    assertThat(lazy.exitCode()).isZero();
    assertThat(lazy.out()).contains("<built-in default>: valid");
    CliRun typo = CliRun.run(built("plna"), "plna");
    assertThat(typo.exitCode()).isEqualTo(3);
    assertThat(typo.err()).contains("plan");
  }

  @Test
  void onlyCommandsThatConnectAtOnceStartTheirConnectionBeforeParsing() {
    assertThat(Subcommands.connectsAtOnce(new String[] {"plan"})).isTrue();
    assertThat(Subcommands.connectsAtOnce(new String[] {"-f", "x.yaml", "status", "-o", "json"}))
        .isTrue();
    assertThat(Subcommands.connectsAtOnce(new String[] {"--target", "swarm", "apply"})).isTrue();
    assertThat(Subcommands.connectsAtOnce(new String[] {"logs", "--", "-h"})).isTrue();
    // no Docker client at all for these
    assertThat(Subcommands.connectsAtOnce(new String[] {"validate"})).isFalse();
    assertThat(Subcommands.connectsAtOnce(new String[] {"init"})).isFalse();
    assertThat(Subcommands.connectsAtOnce(new String[] {"plan", "--help"})).isFalse();
    assertThat(Subcommands.connectsAtOnce(new String[] {"-h"})).isFalse();
    assertThat(Subcommands.connectsAtOnce(new String[] {})).isFalse();
  }

  @Test
  void aRootOptionsValueIsNoSubcommandName() {
    assertThat(built("--target", "swarm", "plan").getSubcommands()).containsOnlyKeys("plan");
  }
}
