package dev.ollamastack.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamastack.model.BackupSpec;
import dev.ollamastack.model.Expose;
import dev.ollamastack.model.ExtensionsSpec;
import dev.ollamastack.model.ExtensionsSpec.ExtensionSettings;
import dev.ollamastack.model.GpuRequest;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.OllamaSpec;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.Resources;
import dev.ollamastack.model.ServiceSpec;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.model.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A schema-valid document to the model, every absent field taking the records' defaults. Runs only
 * after validation, so it trusts types and shapes.
 */
final class SpecMapper {
  private SpecMapper() {}

  static StackSpec map(JsonNode root) {
    StackSpec d = StackSpec.defaults();
    JsonNode spec = root.path("spec");
    JsonNode services = spec.path("services");
    return new StackSpec(
        text(root.path("metadata").path("name"), d.name()),
        has(spec.path("platform"))
            ? Platform.fromYaml(spec.get("platform").asText())
            : d.platform(),
        has(spec.path("expose")) ? Expose.fromYaml(spec.get("expose").asText()) : d.expose(),
        ollama(services.path("ollama"), d.ollama()),
        service(services.path("webui"), d.webui()),
        service(services.path("mcpProxy"), d.mcpProxy()),
        extensions(spec.path("extensions"), d.extensions()),
        backup(spec.path("backup"), d.backup()),
        has(spec.path("target")) ? Target.fromYaml(spec.get("target").asText()) : d.target());
  }

  private static OllamaSpec ollama(JsonNode n, OllamaSpec d) {
    return new OllamaSpec(
        has(n.path("mode")) ? OllamaMode.fromYaml(n.get("mode").asText()) : d.mode(),
        text(n.path("url"), d.url()),
        text(n.path("image"), d.image()),
        port(n, d.port()),
        env(n.path("env"), d.env()),
        resources(n.path("resources")),
        gpus(n.path("gpus"), d.gpus()),
        has(n.path("models")) ? strings(n.get("models")) : d.models(),
        n.path("pruneModels").asBoolean(d.pruneModels()),
        has(n.path("preload")) ? strings(n.get("preload")) : d.preload());
  }

  private static ServiceSpec service(JsonNode n, ServiceSpec d) {
    return new ServiceSpec(
        n.path("enabled").asBoolean(d.enabled()),
        text(n.path("image"), d.image()),
        port(n, d.port()),
        env(n.path("env"), d.env()),
        resources(n.path("resources")));
  }

  private static ExtensionsSpec extensions(JsonNode n, ExtensionsSpec d) {
    Map<String, ExtensionSettings> settings = new LinkedHashMap<>(d.settings());
    n.path("settings")
        .properties()
        .forEach(
            e ->
                settings.put(
                    e.getKey(),
                    new ExtensionSettings(
                        env(e.getValue().path("env"), Map.of()),
                        e.getValue().path("directory").isTextual()
                            ? e.getValue().path("directory").asText()
                            : null,
                        e.getValue().path("readOnly").isBoolean()
                            ? e.getValue().path("readOnly").asBoolean()
                            : null)));
    return new ExtensionsSpec(
        has(n.path("enabled")) ? strings(n.get("enabled")) : d.enabled(),
        has(n.path("paths")) ? strings(n.get("paths")) : d.paths(),
        settings);
  }

  private static BackupSpec backup(JsonNode n, BackupSpec d) {
    return new BackupSpec(
        text(n.path("directory"), d.directory()),
        n.path("includeVolumes").asBoolean(d.includeVolumes()),
        n.path("keep").asInt(d.keep()),
        n.isObject());
  }

  /** An explicit {@code port: null} means "not published", unlike an absent port. */
  private static Integer port(JsonNode service, Integer fallback) {
    JsonNode p = service.path("port");
    if (p.isMissingNode()) {
      return fallback;
    }
    return p.isNull() ? null : p.asInt();
  }

  private static Resources resources(JsonNode n) {
    JsonNode memory = n.path("memory");
    Long bytes = null;
    if (memory.isTextual()) {
      bytes = MemorySize.parse(memory.asText());
    } else if (has(memory)) {
      bytes = memory.asLong();
    }
    Double cpus = has(n.path("cpus")) ? n.get("cpus").asDouble() : null;
    return new Resources(bytes, cpus);
  }

  private static GpuRequest gpus(JsonNode n, GpuRequest fallback) {
    if (n.isIntegralNumber()) {
      return new GpuRequest.Count(n.asInt());
    } else if (n.isArray()) {
      return new GpuRequest.DeviceIds(strings(n));
    }
    return has(n) ? GpuRequest.ALL : fallback;
  }

  /** Env values may be numbers or booleans in YAML; containers only take text. */
  private static Map<String, String> env(JsonNode n, Map<String, String> fallback) {
    if (!has(n)) {
      return fallback;
    }
    Map<String, String> env = new LinkedHashMap<>();
    n.properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    return env;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static String text(JsonNode n, String fallback) {
    return n.isTextual() ? n.asText() : fallback;
  }

  private static boolean has(JsonNode n) {
    return !n.isMissingNode() && !n.isNull();
  }
}
