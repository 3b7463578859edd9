package dev.ollamastack.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.ollamastack.engine.EngineException;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.engine.ExecResult;
import dev.ollamastack.engine.NotAnEngineException;
import dev.ollamastack.model.ContainerHealth;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedContainer.Endpoint;
import dev.ollamastack.model.ObservedContainer.Wiring;
import dev.ollamastack.model.ObservedImage;
import dev.ollamastack.model.ObservedNetwork;
import dev.ollamastack.model.ObservedVolume;
import dev.ollamastack.model.PortBinding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The read calls every command makes (info and version, the list calls, container and image
 * inspects), {@code docker exec} and a container's lifecycle calls, sent through docker-java's
 * transport and read as JSON trees into our records.
 *
 * <p>docker-java's command layer binds each answer to its DTO beans, and in a fresh JVM Jackson
 * first builds a bean deserializer per DTO class by reflection ({@code Info} alone has ~80
 * properties, an inspect's {@code HostConfig} ~70): the largest single cost of a no-op {@code plan}
 * after the JVM's own start (docs/startup.md). A tree costs one generic deserializer. What is read
 * here is what {@link DtoMapper} and {@link WiringMapper} read of the beans, field for field;
 * {@code EngineCallsTest} holds the two to the same answers. An exec (status's and the health
 * checks' commands inside containers) is three small calls whose docker-java commands cost ~60 ms
 * on first use. Of the writes, the ones on a cold apply's path are here too (create, start, stop,
 * remove); the others keep docker-java's commands.
 */
final class EngineCalls {
  private static final Comparator<PortBinding> PORT_ORDER =
      Comparator.comparingInt(PortBinding::containerPort)
          .thenComparingInt(PortBinding::hostPort)
          .thenComparing(PortBinding::hostIp, Comparator.nullsFirst(Comparator.naturalOrder()));

  private final DockerHttpClient http;
  private final ObjectMapper json;
  private final DockerEndpoint endpoint;
  private final Failures failures;

  EngineCalls(
      DockerHttpClient http, ObjectMapper json, DockerEndpoint endpoint, Failures failures) {
    this.http = http;
    this.json = json;
    this.endpoint = endpoint;
    this.failures = failures;
  }

  /** {@code GET /version} then {@code GET /info}; anything but the Engine API's JSON is refused. */
  EngineInfo info() {
    try {
      JsonNode version = identified(get("/version"));
      JsonNode info = identified(get("/info"));
      return info(endpoint, info, version);
    } catch (RuntimeException e) {
      throw failures.identify("info", e);
    }
  }

  List<ObservedContainer> listContainers(boolean all, String filterKey, List<String> values) {
    StringBuilder path = new StringBuilder("/containers/json");
    String sep = "?";
    if (all) {
      path.append("?all=1");
      sep = "&";
    }
    if (filterKey != null) {
      path.append(sep).append("filters=").append(filters(filterKey, values));
    }
    JsonNode list = ok("list containers", get(path.toString()));
    List<ObservedContainer> out = new ArrayList<>();
    list.forEach(c -> out.add(listedContainer(c)));
    return out;
  }

  List<ObservedNetwork> listNetworks(List<String> labels) {
    JsonNode list = ok("list networks", get(labelled("/networks", labels)));
    List<ObservedNetwork> out = new ArrayList<>();
    list.forEach(n -> out.add(network(n)));
    return out;
  }

  List<ObservedVolume> listVolumes(List<String> labels) {
    JsonNode answer = ok("list volumes", get(labelled("/volumes", labels)));
    List<ObservedVolume> out = new ArrayList<>();
    array(answer.get("Volumes")).forEach(v -> out.add(volume(v)));
    return out;
  }

  Optional<ObservedContainer> inspectContainer(String idOrName) {
    Answer a = get("/containers/" + idOrName + "/json");
    if (a.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(inspectedContainer(ok("inspect container " + idOrName, a)));
  }

  Optional<ObservedImage> inspectImage(String reference) {
    Answer a = get("/images/" + reference + "/json");
    if (a.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(image(ok("inspect image " + reference, a)));
  }

  /** {@code docker create}: the container's id. */
  String createContainer(ContainerSpec spec) {
    String what = "create container " + spec.name();
    JsonNode created =
        ok(
            what,
            post(
                "/containers/create?name=" + encode(spec.name()),
                ContainerCreateBody.of(spec, json)));
    return text(created, "Id");
  }

  /**
   * {@code docker start}: {@code 304} (already running) is what was asked. Sent as our own call
   * like the create: docker-java's command builds its request through Guava's multimaps and
   * escapers, classes a cold apply would load from the jar between the create and the start.
   */
  void startContainer(String id) {
    done("start container " + id, post("/containers/" + encode(id) + "/start", null));
  }

  /** {@code docker stop} with Docker's grace period {@code t}; {@code 304}: already stopped. */
  void stopContainer(String id, long timeoutSeconds) {
    done(
        "stop container " + id,
        post("/containers/" + encode(id) + "/stop?t=" + Math.max(0, timeoutSeconds), null));
  }

  /** {@code docker rm -f}, never with its anonymous volumes ({@code v=0}). */
  void removeContainer(String id) {
    done(
        "remove container " + id,
        call(request("DELETE", "/containers/" + encode(id) + "?force=1&v=0", null)));
  }

  /** Output beyond this is dropped: exec is for short checks, not for streaming. */
  private static final int MAX_OUTPUT = 64 * 1024;

  /**
   * {@code docker exec}: create, start attached (stdout and stderr multiplexed in one answer, read
   * to its end), read the exit code. A command still running after {@code timeout} is abandoned:
   * its answer is closed, and the failure says so.
   */
  ExecResult exec(String containerId, List<String> cmd, Duration timeout) {
    String what = "exec in container " + containerId;
    ObjectNode create = json.createObjectNode();
    create.put("AttachStdout", true).put("AttachStderr", true).put("Tty", false);
    cmd.forEach(create.putArray("Cmd")::add);
    String execId = text(ok(what, post("/containers/" + containerId + "/exec", create)), "Id");
    ObjectNode start = json.createObjectNode().put("Detach", false).put("Tty", false);
    StringBuilder out = new StringBuilder();
    AtomicBoolean timedOut = new AtomicBoolean();
    DockerHttpClient.Response r =
        http.execute(request("POST", "/exec/" + execId + "/start", start));
    Thread watchdog =
        Thread.ofVirtual()
            .name("exec-timeout")
            .start(
                () -> {
                  try {
                    Thread.sleep(timeout);
                    timedOut.set(true);
                    r.close();
                  } catch (InterruptedException finished) {
                    // the command ended first
                  }
                });
    try (r;
        InputStream body = r.getBody()) {
      if (r.getStatusCode() >= 300) {
        ok(what, answer(r.getStatusCode(), body.readAllBytes()));
      }
      readFrames(body, out);
    } catch (IOException | RuntimeException e) {
      if (!timedOut.get()) {
        throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
      }
    } finally {
      watchdog.interrupt();
    }
    if (timedOut.get()) {
      throw new EngineException(
          "command " + cmd.get(0) + " did not finish within " + timeout.toSeconds() + "s");
    }
    JsonNode code = ok(what, get("/exec/" + execId + "/json")).get("ExitCode");
    return new ExecResult(number(code) ? code.asInt() : -1, out.toString());
  }

  /** Docker's multiplexed stream: an 8-byte header (stream, 0, 0, 0, size) before each frame. */
  static void readFrames(InputStream in, StringBuilder out) throws IOException {
    byte[] header = new byte[8];
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    while (in.readNBytes(header, 0, 8) == 8) {
      int size =
          ((header[4] & 0xff) << 24)
              | ((header[5] & 0xff) << 16)
              | ((header[6] & 0xff) << 8)
              | (header[7] & 0xff);
      byte[] payload = in.readNBytes(size);
      if (text.size() < MAX_OUTPUT) {
        text.write(payload, 0, Math.min(payload.length, MAX_OUTPUT - text.size()));
      }
      if (payload.length < size) {
        break;
      }
    }
    out.append(text.toString(StandardCharsets.UTF_8));
  }

  // ---- mapping (each as DtoMapper/WiringMapper read the beans) ----

  static ObservedNetwork network(JsonNode n) {
    return new ObservedNetwork(
        text(n, "Id"), text(n, "Name"), text(n, "Driver"), strings(n.get("Labels")));
  }

  static ObservedVolume volume(JsonNode v) {
    return new ObservedVolume(text(v, "Name"), text(v, "Mountpoint"), strings(v.get("Labels")));
  }

  static ObservedImage image(JsonNode i) {
    return new ObservedImage(text(i, "Id"), list(i.get("RepoTags")), list(i.get("RepoDigests")));
  }

  static EngineInfo info(DockerEndpoint endpoint, JsonNode info, JsonNode version) {
    JsonNode runtimes = info.get("Runtimes");
    List<String> names = new ArrayList<>();
    if (runtimes != null && runtimes.isObject()) {
      runtimes.fieldNames().forEachRemaining(names::add);
      names.sort(Comparator.naturalOrder());
    }
    String serverVersion = text(version, "Version");
    return new EngineInfo(
        endpoint.host(),
        endpoint.context(),
        serverVersion != null ? serverVersion : text(info, "ServerVersion"),
        text(version, "ApiVersion"),
        text(info, "OperatingSystem"),
        text(info, "Driver"),
        text(info, "DockerRootDir"),
        info.path("NCPU").asInt(0),
        info.path("MemTotal").asLong(0),
        List.copyOf(names),
        text(info, "Architecture"),
        text(info, "CgroupDriver"));
  }

  /** A list entry: health and exit code from its status text, as {@link DtoMapper} reads it. */
  static ObservedContainer listedContainer(JsonNode c) {
    String status = text(c, "Status") == null ? "" : text(c, "Status");
    JsonNode names = c.get("Names");
    String name =
        names != null && names.isArray() && !names.isEmpty() ? names.get(0).asText() : null;
    Set<PortBinding> ports = new LinkedHashSet<>();
    for (JsonNode p : array(c.get("Ports"))) {
      JsonNode pub = p.get("PublicPort");
      JsonNode priv = p.get("PrivatePort");
      if (number(pub) && number(priv) && "tcp".equals(text(p, "Type"))) {
        ports.add(new PortBinding(text(p, "IP"), pub.asInt(), priv.asInt()));
      }
    }
    Map<String, Endpoint> networks = new LinkedHashMap<>();
    object(c.path("NetworkSettings").get("Networks"))
        .forEach((n, v) -> networks.put(n, new Endpoint(text(v, "NetworkID"), null)));
    List<Mount> mounts = new ArrayList<>();
    for (JsonNode m : array(c.get("Mounts"))) {
      WiringMapper.mount(
              text(m, "Name"), text(m, "Source"), text(m, "Destination"), bool(m.get("RW")))
          .ifPresent(mounts::add);
    }
    return new ObservedContainer(
        text(c, "Id"),
        stripSlash(name),
        text(c, "Image"),
        text(c, "ImageID"),
        ContainerState.of(text(c, "State")),
        DtoMapper.healthFromStatus(status),
        DtoMapper.exitCodeFromStatus(status),
        strings(c.get("Labels")),
        ports.stream().sorted(PORT_ORDER).toList(),
        null,
        0,
        new Wiring(networks, mounts, null, null, null));
  }

  static ObservedContainer inspectedContainer(JsonNode r) {
    JsonNode state = r.get("State");
    JsonNode config = r.get("Config");
    JsonNode host = r.get("HostConfig");
    boolean hasState = state != null && state.isObject();
    JsonNode health = hasState ? state.get("Health") : null;
    JsonNode exit = hasState ? state.get("ExitCode") : null;
    boolean hasConfig = config != null && config.isObject();
    boolean hasHost = host != null && host.isObject();
    JsonNode restartCount = r.get("RestartCount");
    return new ObservedContainer(
        text(r, "Id"),
        stripSlash(text(r, "Name")),
        hasConfig ? text(config, "Image") : null,
        text(r, "Image"),
        ContainerState.of(hasState ? text(state, "Status") : null),
        ContainerHealth.of(health != null && health.isObject() ? text(health, "Status") : null),
        number(exit) ? exit.asInt() : null,
        hasConfig ? strings(config.get("Labels")) : null,
        hasHost ? bindings(host.get("PortBindings")) : List.of(),
        hasState ? DtoMapper.instant(text(state, "StartedAt")) : null,
        number(restartCount) ? restartCount.asInt() : 0,
        wiring(r, config, host));
  }

  private static Wiring wiring(JsonNode r, JsonNode config, JsonNode host) {
    Map<String, Endpoint> networks = new LinkedHashMap<>();
    object(r.path("NetworkSettings").get("Networks"))
        .forEach(
            (n, v) -> {
              List<String> aliases = list(v.get("Aliases"));
              networks.put(
                  n, new Endpoint(text(v, "NetworkID"), aliases == null ? List.of() : aliases));
            });
    List<Mount> mounts = new ArrayList<>();
    for (JsonNode m : array(r.get("Mounts"))) {
      WiringMapper.mount(
              text(m, "Name"), text(m, "Source"), text(m, "Destination"), bool(m.get("RW")))
          .ifPresent(mounts::add);
    }
    Map<String, String> env = null;
    JsonNode vars = config == null ? null : config.get("Env");
    if (vars != null && vars.isArray()) {
      env = new LinkedHashMap<>();
      for (JsonNode v : vars) {
        String kv = v.asText();
        int eq = kv.indexOf('=');
        env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
      }
    }
    if (host == null || !host.isObject()) {
      return new Wiring(networks, mounts, null, null, null, env);
    }
    JsonNode policy = host.get("RestartPolicy");
    String policyName = policy == null || !policy.isObject() ? null : text(policy, "Name");
    return new Wiring(
        networks,
        mounts,
        WiringMapper.restartPolicy(policyName),
        host.path("Memory").asLong(0),
        host.path("NanoCpus").asLong(0),
        env);
  }

  /** {@code HostConfig.PortBindings}: TCP ports bound to a numeric host port. */
  private static List<PortBinding> bindings(JsonNode bindings) {
    List<PortBinding> out = new ArrayList<>();
    object(bindings)
        .forEach(
            (key, list) -> {
              int slash = key.indexOf('/');
              String protocol = slash < 0 ? "tcp" : key.substring(slash + 1);
              if (!protocol.equalsIgnoreCase("tcp") || !list.isArray()) {
                return;
              }
              int port = Integer.parseInt(slash < 0 ? key : key.substring(0, slash));
              for (JsonNode b : list) {
                String spec = text(b, "HostPort");
                if (spec != null && spec.matches("\\d+")) {
                  String ip = text(b, "HostIp");
                  out.add(
                      new PortBinding(
                          ip == null || ip.isEmpty() ? "0.0.0.0" : ip,
                          Integer.parseInt(spec),
                          port));
                }
              }
            });
    return out.stream().distinct().sorted(PORT_ORDER).toList();
  }

  // ---- JSON helpers: Docker omits fields freely, and sends null for empty lists and maps ----

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static boolean number(JsonNode n) {
    return n != null && n.isNumber();
  }

  private static Boolean bool(JsonNode n) {
    return n == null || !n.isBoolean() ? null : n.booleanValue();
  }

  private static Iterable<JsonNode> array(JsonNode n) {
    return n != null && n.isArray() ? n : List.of();
  }

  private static Map<String, JsonNode> object(JsonNode n) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (n != null && n.isObject()) {
      n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static List<String> list(JsonNode n) {
    if (n == null || !n.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    n.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static Map<String, String> strings(JsonNode n) {
    if (n == null || !n.isObject()) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    n.fields()
        .forEachRemaining(
            e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    return out;
  }

  private static String stripSlash(String name) {
    return name != null && name.startsWith("/") ? name.substring(1) : name;
  }

  // ---- transport ----

  /** A status and its body parsed as JSON (null when the body is empty). */
  record Answer(int status, JsonNode body) {}

  private Answer get(String path) {
    return call(request("GET", path, null));
  }

  private Answer post(String path, JsonNode body) {
    return call(request("POST", path, body));
  }

  private DockerHttpClient.Request request(String method, String path, JsonNode body) {
    DockerHttpClient.Request.Builder b =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.valueOf(method))
            .path(path);
    if (body != null) {
      try {
        b.putHeader("Content-Type", "application/json").bodyBytes(json.writeValueAsBytes(body));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return b.build();
  }

  private Answer call(DockerHttpClient.Request request) {
    try (DockerHttpClient.Response r = http.execute(request);
        InputStream body = r.getBody()) {
      return answer(r.getStatusCode(), body == null ? new byte[0] : body.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Answer answer(int status, byte[] bytes) throws IOException {
    if (bytes.length == 0) {
      return new Answer(status, null);
    }
    if (!looksLikeJson(bytes)) { // an HTML page, a banner: kept as text, for the message
      return new Answer(status, TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8)));
    }
    return new Answer(status, json.readTree(bytes));
  }

  private static boolean looksLikeJson(byte[] bytes) {
    for (byte b : bytes) {
      if (!Character.isWhitespace(b)) {
        return b == '{' || b == '[';
      }
    }
    return false;
  }

  /** The body of a 2xx answer, else the daemon's refusal as an {@link EngineException}. */
  private static JsonNode ok(String what, Answer a) {
    if (a.status() >= 200 && a.status() < 300 && a.body() != null) {
      return a.body();
    }
    throw refused(what, a);
  }

  /** A call answered without a body: 2xx, or 304 (the container is already as asked). */
  private static void done(String what, Answer a) {
    if ((a.status() < 200 || a.status() >= 300) && a.status() != 304) {
      throw refused(what, a);
    }
  }

  private static EngineException refused(String what, Answer a) {
    String message =
        a.body() == null
            ? ""
            : a.body().isTextual() ? a.body().asText() : a.body().path("message").asText("");
    return new EngineException(
        what + ": " + (message.isEmpty() ? "HTTP " + a.status() : message), a.status(), null);
  }

  /** The first answers also tell a Docker engine from anything else listening at its address. */
  private JsonNode identified(Answer a) {
    if (a.status() == 200 && a.body() != null && a.body().isObject()) {
      return a.body();
    }
    boolean daemonBody = a.body() != null && a.body().isObject() && a.body().has("message");
    if (!daemonBody) {
      String body = a.body() == null ? "" : a.body().asText();
      boolean html = body.contains("<html") || body.contains("<HTML") || body.contains("<!DOCTYPE");
      throw new NotAnEngineException(
          endpoint.host(),
          endpoint.context(),
          a.status() == 200
              ? "its answers are not Docker's JSON"
              : "HTTP " + a.status() + (html ? " with an HTML page" : ""));
    }
    throw new EngineException("info: " + a.body().path("message").asText(), a.status(), null);
  }

  /** {@code path}, filtered by {@code labels} when there are any. */
  private static String labelled(String path, List<String> labels) {
    return labels.isEmpty() ? path : path + "?filters=" + filters("label", labels);
  }

  private static String filters(String key, List<String> values) {
    StringBuilder s = new StringBuilder("{\"").append(key).append("\":[");
    for (int i = 0; i < values.size(); i++) {
      s.append(i == 0 ? "" : ",").append('"');
      for (char ch : values.get(i).toCharArray()) {
        if (ch == '"' || ch == '\\') {
          s.append('\\');
        }
        s.append(ch);
      }
      s.append('"');
    }
    return encode(s.append("]}").toString());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
