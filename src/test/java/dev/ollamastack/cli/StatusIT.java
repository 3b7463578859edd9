package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.status.ServiceStatus;
import dev.ollamastack.app.status.StatusProbes;
import dev.ollamastack.app.status.StatusReport;
import dev.ollamastack.app.status.StatusService;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.health.HttpProbe;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.ItDocker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status against the real daemon: a busybox "ollama" serving /api/version and /api/tags. */
@DockerAvailable
class StatusIT {
  static final String FAKE_OLLAMA =
      "mkdir -p /www/api"
          + " && echo '{\"version\":\"0.0.0-it\"}' > /www/api/version"
          + " && echo '{\"models\":[{\"name\":\"tiny:latest\",\"size\":1234567,\"digest\":\"d\"}]}'"
          + " > /www/api/tags"
          + " && exec httpd -f -p 11434 -h /www";

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

  @Test
  void runningServiceIsHealthyWithUrlStatsModelsAndDrift_missingOneFailsTheStack()
      throws Exception {
    int ollamaPort = ItDocker.freePort();
    docker.run(docker.installation + "-ollama", "ollama", ollamaPort, 11434, FAKE_OLLAMA);
    AppContext ctx = ItStacks.context(home, docker);
    var loaded = ItStacks.stack(docker.installation, ollamaPort, ItDocker.freePort(), null);

    // httpd serving is a state to wait for, not a time: only then is one status call measured
    HttpProbe probe = new HttpProbe();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                probe.httpOk(
                    "http://127.0.0.1:" + ollamaPort + "/api/version", Duration.ofSeconds(2)));
    StatusReport r;
    Duration took;
    try (DockerEngine engine = ctx.engines().connect()) {
      long start = System.nanoTime();
      r = new StatusService(ctx, StatusProbes.http(), Clock.systemUTC()).status(loaded, engine);
      took = Duration.ofNanos(System.nanoTime() - start);
    }

    ServiceStatus ollama = r.services().get(0);
    assertThat(ollama.service()).isEqualTo("ollama");
    assertThat(ollama.state().label()).isEqualTo("running");
    assertThat(ollama.health().label()).isEqualTo("healthy");
    assertThat(ollama.url()).isEqualTo("http://localhost:" + ollamaPort);
    assertThat(ollama.imageId()).hasSize(12);
    assertThat(ollama.uptimeSeconds()).isNotNull();
    assertThat(ollama.memoryBytes()).isPositive();
    // created by hand, without our config hash: apply would recreate it
    assertThat(ollama.drift().kind().label()).isEqualTo("recreate");
    ServiceStatus webui = r.services().get(1);
    assertThat(webui.state().label()).isEqualTo("missing");
    assertThat(r.ok()).isFalse();
    assertThat(r.models()).extracting(m -> m.name()).containsExactly("tiny:latest");
    assertThat(took).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void cliJsonAgainstTheRealDaemonParses() throws Exception {
    // the stand-in loader gives the default installation: read-only, whatever exists here
    AppContext ctx = ItStacks.context(home, docker);
    CliRun r = CliRun.run(ctx, "status", "-o", "json");
    assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.path("engine").path("apiVersion").asText()).isNotEmpty();
    assertThat(doc.path("services").isArray()).isTrue();
  }
}
