package dev.ollamastack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.config.SecretStore;
import dev.ollamastack.config.StarterFile;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.testsupport.FakeHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
  @TempDir Path cwd;
  @TempDir Path home;

  private CliRun run(String... args) {
    return CliRun.run(cwd, home, Map.of(), args);
  }

  private Secrets secrets() {
    return new SecretStore(home).load("ollama-stack").orElseThrow();
  }

  @Test
  void writesAValidStarterFileAndPrivateSecrets() throws IOException {
    CliRun r = run("init", "--platform", "nvidia");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("wrote ollama-stack.yaml (platform nvidia)\nsecrets: created ");
    Path file = cwd.resolve("ollama-stack.yaml");
    assertThat(Files.readAllLines(file).get(0))
        .isEqualTo("# yaml-language-server: $schema=" + StarterFile.SCHEMA_URL);
    Path secrets = home.resolve("ollama-stack/secrets.env");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.getParent())))
        .isEqualTo("rwx------");
    assertThat(Files.readString(secrets)).contains("WEBUI_SECRET_KEY=", "MCPO_API_KEY=");
    assertThat(run("validate").exitCode()).isZero();
  }

  @Test
  void refusesToOverwriteWithoutForce() throws IOException {
    Files.writeString(cwd.resolve("ollama-stack.yaml"), "mine\n");

    CliRun r = run("init", "--platform", "cpu");

    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.err()).startsWith("error: ollama-stack.yaml already exists\nhint: use --force");
    assertThat(cwd.resolve("ollama-stack.yaml")).hasContent("mine");
  }

  @Test
  void neverRotatesAnExistingSecretEvenWithForce() {
    assertThat(run("init", "--platform", "cpu").exitCode()).isZero();
    Secrets first = secrets();

    CliRun again = run("init", "--platform", "amd", "--force");

    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("secrets: kept (existing)");
    assertThat(secrets()).isEqualTo(first);
  }

  @Test
  void rotateSecretsChangesThemAndWarnsThatUsersAreLoggedOut() {
    run("init", "--platform", "cpu");
    Secrets first = secrets();

    CliRun r = run("init", "--force", "--rotate-secrets", "--platform", "cpu");

    assertThat(r.exitCode()).isZero();
    assertThat(r.err())
        .contains("warning: rotating secrets: every Open WebUI user will be logged out");
    assertThat(secrets().webuiSecretKey()).isNotEqualTo(first.webuiSecretKey());
    assertThat(secrets().mcpoApiKey()).isNotEqualTo(first.mcpoApiKey());
  }

  @Test
  void installIsAnAliasAndTheFileOptionAndNameAreHonoured() {
    CliRun r = run("install", "-f", "stacks/lab.yaml", "--name", "lab", "--platform", "apple");

    assertThat(r.exitCode()).isZero();
    assertThat(cwd.resolve("stacks/lab.yaml")).exists();
    assertThat(new SecretStore(home).load("lab")).isPresent();
    assertThat(run("validate", "-f", "stacks/lab.yaml").out())
        .contains("valid (installation \"lab\")");
  }

  @Test
  void pointsAtTheLocalSchemaWhenOneSitsBesideTheFile() throws IOException {
    Files.createDirectories(cwd.resolve("schemas"));
    Files.writeString(cwd.resolve("schemas/ollama-stack.schema.json"), "{}");

    run("init", "--platform", "cpu");

    assertThat(cwd.resolve("ollama-stack.yaml"))
        .content()
        .startsWith("# yaml-language-server: $schema=./schemas/ollama-stack.schema.json\n");
  }

  @Test
  void withoutPlatformTheDetectorDecides() throws IOException {
    FakeHost amdHost = new FakeHost().file("/dev/kfd", "").file("/dev/dri/renderD128", "");
    AppContext context = CliRun.noDocker(cwd, home, Map.of(), amdHost);

    CliRun r = CliRun.run(context, "init");

    assertThat(r.out()).startsWith("wrote ollama-stack.yaml (platform amd, detected)");
    assertThat(cwd.resolve("ollama-stack.yaml")).content().contains("platform: amd");
  }

  @Test
  void anInvalidNameIsInvalidInput() {
    CliRun r = run("init", "--name", "My Stack", "--platform", "cpu");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(cwd.resolve("ollama-stack.yaml")).doesNotExist();
  }
}
