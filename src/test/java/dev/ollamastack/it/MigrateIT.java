package dev.ollamastack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.testsupport.Cli;
import dev.ollamastack.testsupport.DockerAvailable;
import dev.ollamastack.testsupport.DockerCli;
import dev.ollamastack.testsupport.StandInImages;
import dev.ollamastack.testsupport.VolumeFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An installation of the older Python CLI, made with plain {@code docker} commands as its compose
 * file makes it (labels, volume and network names, environment, mounts, the single-quoted {@code
 * .env} and {@code .ollama-stack.json}): {@code apply} refuses to run beside it, {@code migrate
 * --dry-run} changes nothing, {@code migrate} keeps the data and {@code WEBUI_SECRET_KEY}.
 *
 * <p>One deviation: the older compose file names its containers {@code ollama}, {@code webui} and
 * {@code mcp_proxy} with no prefix; on a daemon shared with other tests those names would collide,
 * so they get a unique prefix here. Nothing reads the names: the older installation is found by its
 * labels, as the older CLI itself found it.
 */
@DockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrateIT {
  private static final String KEY = "Abc-_0123456789".repeat(4) + "wxyz";

  private final String project = "osit-" + UUID.randomUUID().toString().substring(0, 8);
  private final String ollamaVolume = project + "_ollama_data";
  private final String webuiVolume = project + "_webui_data";
  private final String network = project + "_network";
  private final List<String> oldContainers = new ArrayList<>();
  private Path work;
  private Cli cli;
  private String modelDigest;
  private String dbDigest;

  @BeforeAll
  void setUp() throws Exception {
    StandInImages.ensureBuilt();
    work = Files.createTempDirectory("migrate-it");
    Path config = work.resolve("old-config");
    Files.createDirectories(config);
    Files.writeString(
        config.resolve(".env"), "PROJECT_NAME='" + project + "'\nWEBUI_SECRET_KEY='" + KEY + "'\n");
    Files.writeString(
        config.resolve(".ollama-stack.json"),
        """
        {
            "version": "0.5.0",
            "services": {
                "ollama": {"type": "docker", "health_check_url": null},
                "webui": {"type": "docker", "health_check_url": null},
                "mcp_proxy": {"type": "docker", "health_check_url": null}
            },
            "docker_compose_file": "docker-compose.yml",
            "data_directory": "~/.ollama-stack/data",
            "backup_directory": "~/.ollama-stack/backups",
            "platform": {"apple": {"compose_file": "docker-compose.apple.yml"},
                         "nvidia": {"compose_file": "docker-compose.nvidia.yml"}},
            "extensions": {"enabled": [], "config": {}}
        }
        """);
    cli = new Cli(work, work.resolve("home")).env("OLLAMA_STACK_CONFIG_DIR", config.toString());
    makeOlderInstallation();
    modelDigest = digest(ollamaVolume, "/d/models/blobs/sha256-weights");
    dbDigest = digest(webuiVolume, "/d/webui.db");
  }

  /** What {@code docker-compose -p <PROJECT_NAME> up -d} makes from the older compose file. */
  private void makeOlderInstallation() {
    DockerCli.run(
        "network",
        "create",
        "--label",
        "com.docker.compose.project=" + project,
        "--label",
        "com.docker.compose.network=ollama-stack-network",
        network);
    for (String[] v : new String[][] {{ollamaVolume, "ollama_data"}, {webuiVolume, "webui_data"}}) {
      DockerCli.run(
          "volume",
          "create",
          "--label",
          "com.docker.compose.project=" + project,
          "--label",
          "com.docker.compose.volume=" + v[1],
          v[0]);
    }
    VolumeFiles.run(
        ollamaVolume,
        "mkdir -p /d/models/blobs && head -c 2000000 /dev/urandom > /d/models/blobs/sha256-weights");
    VolumeFiles.run(webuiVolume, "head -c 100000 /dev/urandom > /d/webui.db");
    older(
        "ollama",
        "ollama",
        List.of("-p", DockerCli.freePort() + ":11434", "-v", ollamaVolume + ":/root/.ollama"),
        StandInImages.ollama(),
        List.of());
    older(
        "webui",
        "webui",
        List.of(
            "-p",
            DockerCli.freePort() + ":8080",
            "-v",
            webuiVolume + ":/app/backend/data",
            "-e",
            "OLLAMA_API_BASE_URL=http://ollama:11434",
            "-e",
            "WEBUI_SECRET_KEY=" + KEY,
            "-e",
            "EMBEDDING_MODEL=none",
            "-e",
            "USE_EMBEDDING_MODEL_DOCKER=none",
            "-e",
            "RAG_EMBEDDING_MODEL=none"),
        StandInImages.webui(),
        List.of());
    older(
        "mcp_proxy",
        "mcp_proxy",
        List.of("-p", DockerCli.freePort() + ":8000", "-e", "MCP_API_KEY=mcp-proxy-key"),
        StandInImages.mcpo(),
        List.of(
            "--port",
            "8000",
            "--api-key",
            "mcp-proxy-key",
            "--",
            "uvx",
            "mcp-server-time",
            "--local-timezone=America/Los_Angeles"));
  }

  private void older(
      String service, String component, List<String> opts, String image, List<String> cmd) {
    String name = project + "-old-" + service;
    List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name));
    args.addAll(List.of("--restart", "unless-stopped", "--network", network));
    args.addAll(List.of("--network-alias", service));
    for (String l :
        List.of(
            "ollama-stack.installation=" + project,
            "ollama-stack.version=2.1.0",
            "ollama-stack.component=" + component,
            "com.docker.compose.project=" + project,
            "com.docker.compose.service=" + service,
            "com.docker.compose.oneoff=False",
            "com.docker.compose.container-number=1",
            "com.docker.compose.project.working_dir=/usr/lib/python3/dist-packages/ollama_stack_cli")) {
      args.addAll(List.of("--label", l));
    }
    args.addAll(opts);
    args.add(image);
    args.addAll(cmd);
    DockerCli.run(args.toArray(String[]::new));
    oldContainers.add(name);
  }

  private static String digest(String volume, String file) {
    return VolumeFiles.run(volume, "sha256sum " + file + " | cut -d' ' -f1").strip();
  }

  private String state(String container) {
    return DockerCli.inspect(container, "{{.State.Status}}");
  }

  @AfterAll
  void tearDown() throws Exception {
    String ids =
        DockerCli.tryRun("ps", "-aq", "--filter", "label=ollama-stack.installation=" + project);
    String helpers =
        DockerCli.tryRun("ps", "-aq", "--filter", "label=ollama-stack.helper=" + project);
    for (String list : new String[] {ids, helpers}) {
      if (list != null && !list.isBlank()) {
        for (String id : list.split("\\s+")) {
          DockerCli.tryRun("rm", "-f", id);
        }
      }
    }
    oldContainers.forEach(c -> DockerCli.tryRun("rm", "-f", c));
    String vols = DockerCli.tryRun("volume", "ls", "-q", "--filter", "name=" + project + "_");
    if (vols != null && !vols.isBlank()) {
      for (String v : vols.split("\\s+")) {
        DockerCli.tryRun("volume", "rm", v);
      }
    }
    DockerCli.tryRun("network", "rm", network);
    try (Stream<Path> s = Files.walk(work)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  @Order(1)
  void applyRefusesToRunBesideTheOlderInstallation() throws Exception {
    Files.writeString(
        work.resolve("ollama-stack.yaml"),
        """
        apiVersion: ollama-stack/v1
        kind: Stack
        metadata:
          name: %s
        spec:
          platform: cpu
        """
            .formatted(project));
    Cli.Result r = cli.run("apply", "--yes");
    assertThat(r.exitCode()).as("%s", r).isEqualTo(5);
    assertThat(r.err()).contains("older ollama-stack (Python CLI)", "ollama-stack migrate");
    assertThat(DockerCli.exists("container", project + "-webui")).isFalse();
    assertThat(DockerCli.exists("container", project + "-ollama")).isFalse();
    oldContainers.forEach(c -> assertThat(state(c)).isEqualTo("running"));
    Files.delete(work.resolve("ollama-stack.yaml"));
  }

  @Test
  @Order(2)
  void aDryRunShowsTheNewFileAndChangesNothing() {
    Cli.Result r = cli.run("migrate", "--dry-run");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.out())
        .contains("name: " + project, "apiVersion: ollama-stack/v1", ollamaVolume, webuiVolume)
        .doesNotContain(KEY);
    assertThat(work.resolve("ollama-stack.yaml")).doesNotExist();
    oldContainers.forEach(c -> assertThat(state(c)).isEqualTo("running"));
  }

  @Test
  @Order(3)
  void migrateKeepsTheDataAndTheSecretAndReplacesTheContainers() throws Exception {
    Cli.Result r = cli.run("migrate", "--yes");
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.out()).contains("Migrated " + project).doesNotContain(KEY);
    assertThat(Files.readString(work.resolve("ollama-stack.yaml")))
        .contains("name: " + project)
        .doesNotContain(KEY);
    oldContainers.forEach(c -> assertThat(DockerCli.exists("container", c)).isFalse());
    String webui = project + "-webui";
    assertThat(state(webui)).isEqualTo("running");
    assertThat(state(project + "-ollama")).isEqualTo("running");
    assertThat(DockerCli.inspect(webui, "{{index .Config.Labels \"ollama-stack.managed-by\"}}"))
        .isEqualTo("ollama-stack");
    assertThat(DockerCli.inspect(webui, "{{range .Config.Env}}{{println .}}{{end}}"))
        .contains("WEBUI_SECRET_KEY=" + KEY);
    assertThat(DockerCli.inspect(webui, "{{range .Mounts}}{{.Name}} {{end}}"))
        .contains(webuiVolume);
    assertThat(DockerCli.inspect(project + "-ollama", "{{range .Mounts}}{{.Name}} {{end}}"))
        .contains(ollamaVolume);
    assertThat(digest(ollamaVolume, "/d/models/blobs/sha256-weights")).isEqualTo(modelDigest);
    assertThat(digest(webuiVolume, "/d/webui.db")).isEqualTo(dbDigest);
    Path secrets = work.resolve("home").resolve(project).resolve("secrets.env");
    assertThat(Files.readString(secrets)).contains(KEY);
  }

  @Test
  @Order(4)
  void afterwardsTheStackIsOursAndMigrateHasNothingLeftToDo() {
    Cli.Result plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exitCode()).as("%s", plan).isZero();
    Cli.Result again = cli.run("migrate", "--yes");
    assertThat(again.exitCode()).as("%s", again).isZero();
    assertThat(again.out()).contains("nothing to migrate");
  }
}
