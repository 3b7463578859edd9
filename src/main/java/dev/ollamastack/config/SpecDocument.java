package dev.ollamastack.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.model.ExtensionsSpec;
import dev.ollamastack.model.GpuRequest;
import dev.ollamastack.model.OllamaSpec;
import dev.ollamastack.model.Resources;
import dev.ollamastack.model.ServiceSpec;
import dev.ollamastack.model.StackSpec;
import java.util.List;
import java.util.Map;

/**
 * The desired state written back as a stack document, in the file's own shape and key order, with
 * every default filled in and secrets masked: what {@code config view} prints. Loading it again
 * gives the same spec (apart from masked values).
 */
public final class SpecDocument {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SpecDocument() {}

  /**
   * The document for {@code spec}, sensitive env values replaced by {@link SensitiveValues#MASK}.
   */
  public static ObjectNode render(StackSpec spec) {
    ObjectNode root = JSON.objectNode();
    root.put("apiVersion", StackSpec.API_VERSION);
    root.put("kind", StackSpec.KIND);
    root.putObject("metadata").put("name", spec.name());
    ObjectNode s = root.putObject("spec");
    s.put("platform", spec.platform().yamlName());
    s.put("expose", spec.expose().yamlName());
    s.put("target", spec.target().yamlName());
    ObjectNode services = s.putObject("services");
    services.set("ollama", ollama(spec.ollama()));
    services.set("webui", service(spec.webui()));
    services.set("mcpProxy", service(spec.mcpProxy()));
    s.set("extensions", extensions(spec.extensions()));
    ObjectNode backup = s.putObject("backup");
    backup.put("directory", spec.backup().directory());
    backup.put("includeVolumes", spec.backup().includeVolumes());
    backup.put("keep", spec.backup().keep());
    return root;
  }

  private static ObjectNode ollama(OllamaSpec o) {
    ObjectNode n = JSON.objectNode();
    n.put("mode", o.mode().yamlName());
    n.put("url", o.url());
    n.put("image", o.image());
    n.put("port", o.port());
    n.set("env", env(o.env()));
    n.set("resources", resources(o.resources()));
    switch (o.gpus()) {
      case GpuRequest.All all -> n.put("gpus", "all");
      case GpuRequest.Count c -> n.put("gpus", c.count());
      case GpuRequest.DeviceIds ids -> n.set("gpus", strings(ids.ids()));
    }
    n.set("models", strings(o.models()));
    n.put("pruneModels", o.pruneModels());
    n.set("preload", strings(o.preload()));
    return n;
  }

  private static ObjectNode service(ServiceSpec s) {
    ObjectNode n = JSON.objectNode();
    n.put("enabled", s.enabled());
    n.put("image", s.image());
    n.put("port", s.port());
    n.set("env", env(s.env()));
    n.set("resources", resources(s.resources()));
    return n;
  }

  private static ObjectNode extensions(ExtensionsSpec e) {
    ObjectNode n = JSON.objectNode();
    n.set("enabled", strings(e.enabled()));
    n.set("paths", strings(e.paths()));
    ObjectNode settings = n.putObject("settings");
    e.settings().forEach((name, s) -> settings.putObject(name).set("env", env(s.env())));
    return n;
  }

  private static ObjectNode resources(Resources r) {
    ObjectNode n = JSON.objectNode();
    if (r.memoryBytes() != null) {
      n.put("memory", MemorySize.format(r.memoryBytes()));
    }
    if (r.cpus() != null) {
      n.put("cpus", r.cpus());
    }
    return n;
  }

  private static ObjectNode env(Map<String, String> env) {
    ObjectNode n = JSON.objectNode();
    SensitiveValues.mask(env).forEach(n::put);
    return n;
  }

  private static com.fasterxml.jackson.databind.node.ArrayNode strings(List<String> values) {
    var array = JSON.arrayNode();
    values.forEach(array::add);
    return array;
  }
}
