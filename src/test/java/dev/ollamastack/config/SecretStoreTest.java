package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ollamastack.model.ExitCode;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoreTest {
  @TempDir Path home;

  @Test
  void createsOwnerOnlySecretsOfAtLeast256Bits() throws IOException {
    SecretStore store = new SecretStore(home);

    Secrets secrets = store.loadOrCreate("demo");

    Path file = store.file("demo");
    assertThat(file).isEqualTo(home.resolve("demo/secrets.env"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(secrets.webuiSecretKey()).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
    assertThat(secrets.mcpoApiKey())
        .hasSizeGreaterThanOrEqualTo(43)
        .isNotEqualTo(secrets.webuiSecretKey());
    assertThat(Files.readString(file)).contains("WEBUI_SECRET_KEY=" + secrets.webuiSecretKey());
  }

  @Test
  void neverChangesAnExistingSecret() {
    SecretStore store = new SecretStore(home);
    Secrets first = store.loadOrCreate("demo");

    assertThat(store.loadOrCreate("demo")).isEqualTo(first);
    assertThat(new SecretStore(home).load("demo")).contains(first);
  }

  @Test
  void addsOnlyTheMissingKeyAndKeepsOtherLines() throws IOException {
    Files.createDirectories(home.resolve("demo"));
    Files.writeString(
        home.resolve("demo/secrets.env"), "# mine\nWEBUI_SECRET_KEY=keep-me\nOTHER=x\n");
    SecretStore store = new SecretStore(home);

    Secrets secrets = store.loadOrCreate("demo");

    assertThat(secrets.webuiSecretKey()).isEqualTo("keep-me");
    assertThat(secrets.mcpoApiKey()).isNotBlank();
    assertThat(Files.readString(store.file("demo"))).contains("OTHER=x", "MCPO_API_KEY=");
  }

  @Test
  void loadIsEmptyWhenTheFileIsMissingOrIncomplete() throws IOException {
    SecretStore store = new SecretStore(home);
    assertThat(store.load("demo")).isEmpty();
    Files.createDirectories(home.resolve("demo"));
    Files.writeString(store.file("demo"), "WEBUI_SECRET_KEY=a\n");
    assertThat(store.load("demo")).isEmpty();
  }

  @Test
  void rotateReplacesBothSecrets() {
    SecretStore store = new SecretStore(home);
    Secrets first = store.loadOrCreate("demo");

    Secrets rotated = store.rotate("demo");

    assertThat(rotated.webuiSecretKey()).isNotEqualTo(first.webuiSecretKey());
    assertThat(rotated.mcpoApiKey()).isNotEqualTo(first.mcpoApiKey());
    assertThat(store.load("demo")).contains(rotated);
  }

  @Test
  void aCorruptFileIsInvalidInputNamingThePathButNotTheContent() throws IOException {
    Files.createDirectories(home.resolve("demo"));
    Files.writeString(
        home.resolve("demo/secrets.env"), "WEBUI_SECRET_KEY=a\nhunter2 is my password\n");

    ToolException e =
        catchThrowableOfType(ToolException.class, () -> new SecretStore(home).loadOrCreate("demo"));

    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(e.getMessage())
        .contains(home.resolve("demo/secrets.env").toString(), "line 2")
        .doesNotContain("hunter2");
  }

  @Test
  void secretsNeverPrintThemselves() {
    assertThat(new SecretStore(home).loadOrCreate("demo").toString())
        .isEqualTo("Secrets[(sensitive)]");
  }
}
