package dev.ollamastack.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ollamastack.model.ToolException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which engine the tool picks, from config dirs laid out as the docker CLI writes them. */
class DockerContextsTest {
  @TempDir Path tmp;
  Path config;
  final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void configDir() {
    config = tmp.resolve("docker-config");
  }

  DockerEndpoint resolve() {
    env.putIfAbsent("DOCKER_CONFIG", config.toString());
    return new DockerContexts(env).resolve();
  }

  ToolException failure() {
    ToolException e = catchThrowableOfType(ToolException.class, this::resolve);
    assertThat(e).as("an unusable context must fail").isNotNull();
    assertThat(e.exitCode().code()).isEqualTo(4);
    assertThat(e.getMessage()).doesNotContain("\n");
    assertThat(e.hint()).isNotBlank().doesNotContain("\n");
    return e;
  }

  /** The store's directory name for a context, computed here independently of the tool. */
  static String hash(String name) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }

  Path meta(String name) throws Exception {
    return config.resolve("contexts/meta/" + hash(name) + "/meta.json");
  }

  void context(String name, String host) throws Exception {
    write(
        meta(name),
        """
        {"Name":"%s","Metadata":{},"Endpoints":{"docker":{"Host":"%s","SkipTLSVerify":false}}}"""
            .formatted(name, host));
  }

  void currentContext(String name) throws Exception {
    write(config.resolve("config.json"), "{\"auths\": {}, \"currentContext\": \"" + name + "\"}");
  }

  Path tls(String name, String... files) throws Exception {
    Path dir = config.resolve("contexts/tls/" + hash(name) + "/docker");
    for (String f : files) {
      write(dir.resolve(f), "-----BEGIN-----");
    }
    return dir;
  }

  static void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void dockerHostWinsOverEveryContext() throws Exception {
    context("colima", "unix:///colima.sock");
    currentContext("colima");
    env.put("DOCKER_HOST", "tcp://build:2376");
    env.put("DOCKER_CONTEXT", "does-not-exist");
    env.put("DOCKER_TLS_VERIFY", "1");
    env.put("DOCKER_CERT_PATH", "/certs");

    assertThat(resolve()).isEqualTo(new DockerEndpoint("tcp://build:2376", null, true, "/certs"));
  }

  @Test
  void dockerContextWinsOverCurrentContext() throws Exception {
    context("colima", "unix:///colima.sock");
    context("desktop", "unix:///desktop.sock");
    currentContext("desktop");
    env.put("DOCKER_CONTEXT", "colima");

    assertThat(resolve())
        .isEqualTo(new DockerEndpoint("unix:///colima.sock", "colima", false, null));
  }

  @Test
  void currentContextOfConfigJsonIsUsed() throws Exception {
    context("rootless", "unix:///run/user/1000/docker.sock");
    currentContext("rootless");

    DockerEndpoint e = resolve();
    assertThat(e.host()).isEqualTo("unix:///run/user/1000/docker.sock");
    assertThat(e.context()).isEqualTo("rootless");
  }

  @Test
  void configDirDefaultsToDotDockerInHome() throws Exception {
    env.put("HOME", tmp.toString());
    env.put("DOCKER_CONFIG", "");
    config = tmp.resolve(".docker");
    context("colima", "unix:///colima.sock");
    currentContext("colima");

    assertThat(new DockerContexts(env).resolve().context()).isEqualTo("colima");
  }

  @Test
  void defaultContextNoConfigOrNoCurrentContextMeanTheLocalSocket() throws Exception {
    DockerEndpoint local = new DockerEndpoint("unix:///var/run/docker.sock", null, false, null);
    assertThat(resolve()).as("no config.json").isEqualTo(local);

    write(config.resolve("config.json"), "{\"auths\": {}}");
    assertThat(resolve()).as("no currentContext").isEqualTo(local);

    currentContext("default");
    assertThat(resolve()).as("currentContext default").isEqualTo(local);

    context("colima", "unix:///colima.sock");
    currentContext("colima");
    env.put("DOCKER_CONTEXT", "default");
    assertThat(resolve()).as("DOCKER_CONTEXT=default over currentContext").isEqualTo(local);
  }

  @Test
  void missingContextNamedByTheEnvironmentIsAnError() throws Exception {
    env.put("DOCKER_CONTEXT", "nope");

    ToolException e = failure();
    assertThat(e.getMessage())
        .contains(
            "Docker context \"nope\"", "DOCKER_CONTEXT", "not found", meta("nope").toString());
    assertThat(e.hint()).contains("docker context ls", "unset DOCKER_CONTEXT");
  }

  @Test
  void missingCurrentContextIsAnErrorNamingConfigJson() throws Exception {
    currentContext("gone");

    ToolException e = failure();
    assertThat(e.getMessage())
        .contains("\"gone\"", config.resolve("config.json").toString(), meta("gone").toString());
    assertThat(e.hint()).contains("docker context ls", "docker context use default");
  }

  @Test
  void corruptMetaJsonIsAnError() throws Exception {
    write(meta("broken"), "{\"Name\": \"broken\", \"Endpoints\": {");
    env.put("DOCKER_CONTEXT", "broken");

    ToolException e = failure();
    assertThat(e.getMessage()).contains("\"broken\"", "cannot read", meta("broken").toString());
  }

  @Test
  void metaJsonWithoutAHostIsAnError() throws Exception {
    write(meta("empty"), "{\"Name\": \"empty\", \"Endpoints\": {}}");
    env.put("DOCKER_CONTEXT", "empty");

    assertThat(failure().getMessage()).contains("\"empty\"", "Endpoints.docker.Host");
  }

  @Test
  void corruptConfigJsonIsAnErrorNamingIt() throws Exception {
    write(config.resolve("config.json"), "currentContext = colima");

    assertThat(failure().getMessage()).contains(config.resolve("config.json").toString());
  }

  @Test
  void tlsMaterialOfTheContextTurnsVerificationOn() throws Exception {
    context("remote", "tcp://10.0.0.5:2376");
    Path dir = tls("remote", "ca.pem", "cert.pem", "key.pem");
    env.put("DOCKER_CONTEXT", "remote");
    env.put("DOCKER_TLS_VERIFY", "0"); // only for DOCKER_HOST, as in the docker CLI

    assertThat(resolve())
        .isEqualTo(new DockerEndpoint("tcp://10.0.0.5:2376", "remote", true, dir.toString()));
  }

  @Test
  void incompleteTlsMaterialIsAnError() throws Exception {
    context("remote", "tcp://10.0.0.5:2376");
    tls("remote", "ca.pem");
    env.put("DOCKER_CONTEXT", "remote");

    assertThat(failure().getMessage()).contains("\"remote\"", "cert.pem");
  }

  @Test
  void skipTlsVerifyOverTcpIsRefusedRatherThanIgnored() throws Exception {
    write(
        meta("lax"),
        "{\"Endpoints\":{\"docker\":{\"Host\":\"tcp://10.0.0.5:2376\",\"SkipTLSVerify\":true}}}");
    env.put("DOCKER_CONTEXT", "lax");

    assertThat(failure().getMessage()).contains("\"lax\"", "SkipTLSVerify");
  }

  @Test
  void sshContextIsAnErrorWithAWayOut() throws Exception {
    context("box", "ssh://me@box");
    env.put("DOCKER_CONTEXT", "box");

    ToolException e = failure();
    assertThat(e.getMessage()).contains("\"box\"", "ssh://me@box");
    assertThat(e.hint()).contains("DOCKER_HOST=unix://");
  }

  @Test
  void factoryConnectsToTheResolvedHost() throws Exception {
    context("colima", "unix:///colima.sock");
    currentContext("colima");

    DockerJavaEngineFactory f =
        new DockerJavaEngineFactory(Map.of("DOCKER_CONFIG", config.toString()));
    assertThat(f.host()).isEqualTo("unix:///colima.sock");
    assertThat(f.endpoint().context()).isEqualTo("colima");
  }
}
