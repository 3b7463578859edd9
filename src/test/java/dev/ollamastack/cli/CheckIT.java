package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.check.CheckItem;
import dev.ollamastack.app.check.CheckReport;
import dev.ollamastack.app.check.CheckStatus;
import dev.ollamastack.app.check.EnvironmentChecker;
import dev.ollamastack.app.host.SystemHostProbe;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.ItDocker;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check against the real daemon and the real /proc: who holds each of the stack's ports. */
@DockerAvailable
class CheckIT {
  @TempDir Path home;
  ItDocker docker;

  @BeforeEach
  void setUp() throws Exception {
    docker = new ItDocker();
    docker.buildImage();
  }

  @AfterEach
  void tearDown() {
    docker.close();
  }

  static CheckItem item(CheckReport r, String prefix) {
    return r.checks().stream().filter(c -> c.name().startsWith(prefix)).findFirst().orElseThrow();
  }

  @Test
  void ownContainerPassesForeignContainerAndHostProcessFailByName() throws Exception {
    int ours = ItDocker.freePort();
    int foreign = ItDocker.freePort();
    String inst = docker.installation;
    docker.run(inst + "-ollama", "ollama", ours, 11434, "exec nc -ll -p 11434 -e cat");
    String foreignName = inst + "-foreign";
    docker.run(foreignName, null, foreign, 8080, "exec nc -ll -p 8080 -e cat");
    try (ServerSocket held = new ServerSocket()) {
      held.bind(new InetSocketAddress("127.0.0.1", 0));
      int process = held.getLocalPort();
      // the real host: its /proc says which process holds a port
      AppContext ctx =
          ItStacks.context(home, docker).withHost(new SystemHostProbe(System.getenv()));
      CheckReport r =
          new EnvironmentChecker(ctx).checkWith(() -> ItStacks.stack(inst, ours, foreign, process));

      assertThat(item(r, "docker").status()).isEqualTo(CheckStatus.PASS);
      assertThat(item(r, "docker api").status()).isEqualTo(CheckStatus.PASS);
      CheckItem own = item(r, "port " + ours);
      assertThat(own.status()).isEqualTo(CheckStatus.PASS);
      assertThat(own.detail()).isEqualTo("in use by " + inst + "-ollama (this stack)");
      CheckItem other = item(r, "port " + foreign);
      assertThat(other.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(other.detail()).isEqualTo("in use by container " + foreignName);
      CheckItem proc = item(r, "port " + process);
      assertThat(proc.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(proc.detail())
          .isEqualTo("in use by process java (pid " + ProcessHandle.current().pid() + ")");
      assertThat(r.summary().ok()).isFalse();
    }
  }

  @Test
  void cliJsonExitsOneOrZeroButNeverFour() throws Exception {
    CliRun r = CliRun.run(ItStacks.context(home, docker), "check", "-o", "json");
    assertThat(r.exitCode()).isIn(0, 1);
    var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(doc.path("checks").isArray()).isTrue();
  }
}
