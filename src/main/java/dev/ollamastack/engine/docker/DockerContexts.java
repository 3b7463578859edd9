package dev.ollamastack.engine.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.model.ToolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the engine as the {@code docker} CLI does, so Docker Desktop, Colima and rootless users
 * need no {@code DOCKER_HOST}: {@code DOCKER_HOST} wins; else the context named by {@code
 * DOCKER_CONTEXT}; else {@code currentContext} of {@code $DOCKER_CONFIG/config.json}. The context
 * {@code default} (or none) is the local socket. The CLI stores a context under the sha256 of its
 * name: {@code contexts/meta/<hash>/meta.json}, TLS files in {@code contexts/tls/<hash>/docker/}.
 *
 * <p>Only files are read here, nothing connects: a bad context fails before any Docker call, as a
 * {@link ToolException} of exit code 4 naming the context and the file.
 */
final class DockerContexts {
  static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TLS_FILES = List.of("ca.pem", "cert.pem", "key.pem");
  // What docker-java's transports speak; ssh:// needs the ssh binary the docker CLI shells out to.
  private static final Set<String> SCHEMES = Set.of("unix", "tcp", "npipe");

  /** A context asked for: by whom (for messages) and how to stop asking (for hints). */
  private record Named(String name, String source, String undo) {}

  private final Map<String, String> env;
  private final Path configDir;

  /** {@code env} is the process environment (tests pass their own); it is never read elsewhere. */
  DockerContexts(Map<String, String> env) {
    this.env = Map.copyOf(env);
    this.configDir = configDir(this.env);
  }

  DockerEndpoint resolve() {
    String host = env.get("DOCKER_HOST");
    if (host != null && !host.isBlank()) {
      return DockerEndpoint.fromEnv(checkedHost(host.trim()), env);
    }
    Named named = contextName();
    return named == null ? DockerEndpoint.fromEnv(DEFAULT_HOST, env) : load(named);
  }

  /**
   * {@code DOCKER_HOST} as docker-java can use it: a bare {@code host:port} means tcp, as for the
   * docker CLI; another scheme, or an address that does not parse, is refused with the forms that
   * work (exit 4) before anything connects.
   */
  static String checkedHost(String host) {
    String h = host.contains("://") ? host : "tcp://" + host;
    String scheme = h.substring(0, h.indexOf("://"));
    String accepted =
        "use unix:///var/run/docker.sock, tcp://HOST:2375 (tcp://HOST:2376 with"
            + " DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH) or npipe:////./pipe/docker_engine;"
            + " for ssh://, forward the socket (ssh -nNT -L /tmp/docker.sock:/var/run/docker.sock"
            + " HOST) and set DOCKER_HOST=unix:///tmp/docker.sock";
    if (!SCHEMES.contains(scheme)) {
      throw ToolException.environment(
          "DOCKER_HOST=" + host + ": ollama-stack cannot connect through " + scheme + "://",
          accepted);
    }
    try {
      java.net.URI uri = new java.net.URI(h);
      boolean ok =
          scheme.equals("tcp")
              ? uri.getHost() != null && uri.getPort() > 0
              : uri.getPath() != null && !uri.getPath().isEmpty();
      if (!ok) {
        throw new java.net.URISyntaxException(
            h, "no " + (scheme.equals("tcp") ? "host:port" : "path"));
      }
    } catch (java.net.URISyntaxException e) {
      throw ToolException.environment(
          "DOCKER_HOST=" + host + " is not an engine address (" + e.getReason() + ")", accepted);
    }
    return h;
  }

  /** {@code $DOCKER_CONFIG}, else {@code ~/.docker}: where the docker CLI keeps its settings. */
  static Path configDir(Map<String, String> env) {
    String dir = env.get("DOCKER_CONFIG");
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir);
    }
    String home = env.get("HOME");
    return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"))
        .resolve(".docker");
  }

  /** The context asked for, or {@code null} for the default one. */
  private Named contextName() {
    String fromEnv = env.get("DOCKER_CONTEXT");
    Named named;
    if (fromEnv != null && !fromEnv.isBlank()) {
      named = new Named(fromEnv.trim(), "DOCKER_CONTEXT", "unset DOCKER_CONTEXT");
    } else {
      Path config = configDir.resolve("config.json");
      if (!Files.isRegularFile(config)) {
        return null;
      }
      String current =
          readJson(config, "Docker's config", "fix or remove it ('docker context ls' reads it too)")
              .path("currentContext")
              .asText();
      named = new Named(current, "currentContext in " + config, "run 'docker context use default'");
    }
    return named.name().isBlank() || "default".equals(named.name()) ? null : named;
  }

  private DockerEndpoint load(Named c) {
    String hash = sha256(c.name());
    Path meta = configDir.resolve("contexts/meta").resolve(hash).resolve("meta.json");
    String host = host(c, meta);
    Path tls = configDir.resolve("contexts/tls").resolve(hash).resolve("docker");
    if (!Files.isDirectory(tls)) {
      return new DockerEndpoint(host, c.name(), false, null);
    }
    for (String file : TLS_FILES) {
      if (!Files.isRegularFile(tls.resolve(file))) {
        throw unusable(c, tls + " lacks " + file + " (ollama-stack needs " + TLS_FILES + ")");
      }
    }
    return new DockerEndpoint(host, c.name(), true, tls.toString());
  }

  /** {@code Endpoints.docker.Host} of the context's {@code meta.json}, if we can connect to it. */
  private static String host(Named c, Path meta) {
    if (!Files.isRegularFile(meta)) {
      throw ToolException.environment(
          describe(c) + " not found: " + meta + " does not exist",
          "run 'docker context ls' to see the contexts, or " + c.undo());
    }
    String recreate =
        "remove it ('docker context rm " + c.name() + "') and create it again, or " + c.undo();
    JsonNode docker = readJson(meta, describe(c), recreate).path("Endpoints").path("docker");
    String host = docker.path("Host").asText();
    if (host.isBlank()) {
      throw unusable(c, meta + " has no Endpoints.docker.Host");
    }
    String scheme = host.contains("://") ? host.substring(0, host.indexOf("://")) : "";
    if (!SCHEMES.contains(scheme)) {
      throw ToolException.environment(
          describe(c) + " points at " + host + ", which ollama-stack cannot connect to",
          "forward the engine to a local socket (ssh -nNT -L /tmp/docker.sock:/var/run/docker.sock"
              + " HOST) and set DOCKER_HOST=unix:///tmp/docker.sock");
    }
    if (docker.path("SkipTLSVerify").asBoolean() && scheme.equals("tcp")) {
      // docker-java has no switch to trust any certificate; better refuse than silently verify.
      throw unusable(c, "it sets SkipTLSVerify, but ollama-stack always verifies the daemon");
    }
    return host;
  }

  private static String describe(Named c) {
    return "Docker context \"" + c.name() + "\" (" + c.source() + ")";
  }

  private static ToolException unusable(Named c, String why) {
    return ToolException.environment(
        describe(c) + " is unusable: " + why,
        "check it with 'docker context inspect "
            + c.name()
            + "' and fix it with 'docker context update', or "
            + c.undo());
  }

  /** The JSON object in {@code file}; anything else is an error of {@code what}, one line. */
  private static JsonNode readJson(Path file, String what, String hint) {
    String reason;
    try {
      JsonNode node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (node.isObject()) {
        return node;
      }
      reason = "not a JSON object";
    } catch (JsonProcessingException e) {
      reason = e.getOriginalMessage();
    } catch (IOException e) {
      reason = e.toString();
    }
    throw ToolException.environment(
        what + ": cannot read " + file + ": " + reason.lines().findFirst().orElse(""), hint);
  }

  static String sha256(String name) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
