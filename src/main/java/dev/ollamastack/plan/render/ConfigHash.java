package dev.ollamastack.plan.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DeviceSpec;
import dev.ollamastack.model.GpuRequest;
import dev.ollamastack.model.HealthCheck;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.RenderedFile;
import dev.ollamastack.model.RestartPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical form of a rendered container (sorted keys, secrets replaced by their digest) and
 * its sha256. Everything that reaches Docker is in it; labels, readiness probes and ordering hints
 * are not, so a tool upgrade that only changes those never recreates.
 *
 * <p>Form version 1 leaves out fields at the value every container of version 1 was created with
 * ({@code restartPolicy: unless-stopped}, {@code init: true}): they are in the hash as soon as one
 * differs, and the form of an installation made before they were fields is unchanged.
 *
 * <p>A release that renders the same input differently bumps {@link #FORM_VERSION} and gates the
 * change behind {@link RenderInputs#formVersion()} in the component renderers; a container made in
 * an earlier form is compared in that form ({@link
 * dev.ollamastack.model.ContainerSpec#priorForms()}), one made by a newer release by its image
 * only. Form 2 gave mcp-proxy its npx/uv download caches, the volumes, host directories and secrets
 * of stdio servers, a stdio server's own environment from its manifest, and a health check per
 * extension.
 */
public final class ConfigHash {
  /**
   * The form version this release renders. A release that renders the same input differently (a new
   * mount, another health check) bumps it and keeps rendering the earlier forms too (see {@link
   * RenderInputs#formVersion()}), so a container an earlier release made is compared in its own
   * form: unchanged input, no recreate.
   */
  public static final int FORM_VERSION = 2;

  /** {@link #FORM_VERSION} as the {@code ollama-stack.hash-version} label writes it. */
  public static final String VERSION = String.valueOf(FORM_VERSION);

  /** How a secret appears in the canonical form: its digest, never its value. */
  public static final String SENSITIVE_PREFIX = "sha256:";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(
              com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true);

  /**
   * Open WebUI variables it reads only at its first start (ConfigVars): a change cannot take effect
   * through a recreate, so it is not part of the hash and never recreates webui. The plan handles a
   * change of them otherwise (the admin API).
   */
  public static final java.util.Set<String> WEBUI_FIRST_START_ONLY =
      java.util.Set.of("TOOL_SERVER_CONNECTIONS");

  private ConfigHash() {}

  public static String canonicalJson(ContainerSpec c, List<RenderedFile> files) {
    try {
      Object tree = JSON.treeToValue(canonicalTree(c, files), Object.class);
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The canonical form as a tree, or null when it is not JSON (made by something else). */
  public static JsonNode parse(String canonical) {
    try {
      return JSON.readTree(canonical);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  public static String sha256(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode canonicalTree(ContainerSpec c, List<RenderedFile> files) {
    ObjectNode n = JSON.createObjectNode();
    n.put("image", c.image());
    strings(n.putArray("entrypoint"), c.entrypoint());
    strings(n.putArray("cmd"), c.cmd());
    ObjectNode env = n.putObject("env");
    c.env().entrySet().stream()
        .filter(e -> !unhashed(c, e.getKey()))
        .forEach(
            e ->
                env.put(
                    e.getKey(),
                    c.sensitiveEnv().contains(e.getKey())
                        ? SENSITIVE_PREFIX + sha256(e.getValue())
                        : e.getValue()));
    ArrayNode ports = n.putArray("ports");
    for (PortBinding p : c.ports()) {
      ports
          .addObject()
          .put("hostIp", p.hostIp())
          .put("hostPort", p.hostPort())
          .put("containerPort", p.containerPort());
    }
    ArrayNode mounts = n.putArray("mounts");
    for (Mount m : c.mounts()) {
      mounts
          .addObject()
          .put("kind", m.kind().name().toLowerCase(java.util.Locale.ROOT))
          .put("source", m.source())
          .put("target", m.target())
          .put("readOnly", m.readOnly());
    }
    n.put("network", c.network());
    strings(n.putArray("networkAliases"), c.networkAliases());
    strings(n.putArray("extraHosts"), c.extraHosts());
    ObjectNode res = n.putObject("resources");
    if (c.resources().memoryBytes() != null) {
      res.put("memoryBytes", c.resources().memoryBytes());
    }
    if (c.resources().cpus() != null) {
      res.put("cpus", c.resources().cpus());
    }
    devices(n.putObject("devices"), c.devices());
    healthCheck(n.putObject("healthCheck"), c.healthCheck());
    if (c.restartPolicy() != RestartPolicy.UNLESS_STOPPED) {
      n.put("restartPolicy", c.restartPolicy().dockerName());
    }
    if (!c.init()) {
      n.put("init", false);
    }
    ObjectNode fileNode = n.putObject("files");
    files.forEach(
        f ->
            fileNode.put(
                f.hostPath(),
                f.sensitive() ? SENSITIVE_PREFIX + sha256(f.content()) : f.content()));
    return n;
  }

  /** Whether a variable of the container is left out of its hash (read at first start only). */
  public static boolean unhashed(ContainerSpec c, String key) {
    return c.component() == dev.ollamastack.model.Component.WEBUI
        && WEBUI_FIRST_START_ONLY.contains(key);
  }

  private static void devices(ObjectNode n, DeviceSpec d) {
    if (d.gpuRequest() != null) {
      n.put(
          "gpus",
          switch (d.gpuRequest()) {
            case GpuRequest.All a -> "all";
            case GpuRequest.Count count -> String.valueOf(count.count());
            case GpuRequest.DeviceIds ids -> String.join(",", ids.ids());
          });
    }
    strings(n.putArray("cdi"), d.cdiDevices());
    strings(n.putArray("paths"), d.devices());
  }

  private static void healthCheck(ObjectNode n, HealthCheck h) {
    if (h == null) {
      return;
    }
    strings(n.putArray("test"), h.test());
    n.put("intervalSeconds", h.interval().toSeconds());
    n.put("timeoutSeconds", h.timeout().toSeconds());
    n.put("retries", h.retries());
    n.put("startPeriodSeconds", h.startPeriod().toSeconds());
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }
}
