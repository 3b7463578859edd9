package dev.ollamastack.plan.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.GpuRequest;
import dev.ollamastack.model.HealthCheck;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.RenderedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The desired state as Kubernetes manifests: ollama as a StatefulSet with a claim template for its
 * models, every other container as a Deployment (strategy Recreate: its claims are ReadWriteOnce),
 * a Service per container named like the container (the names webui, mcpo and the extensions reach
 * each other by), PVCs for the other volumes, and one Secret the sensitive variables read. Labels
 * Kubernetes accepts as label values go in labels, the rest (config hash, spec) in annotations.
 */
final class KubernetesManifests {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Label values are at most 63 characters: these are annotations instead. */
  private static final Set<String> LABEL_KEYS =
      Set.of(Labels.INSTALLATION, Labels.COMPONENT, Labels.EXTENSION, Labels.MANAGED_BY);

  private final DesiredState desired;
  private final SecretReferences secrets;
  private final boolean includeSecrets;
  private final Map<String, Integer> containerPorts;
  private final Map<String, String> secretData = new LinkedHashMap<>();
  private final List<String> comments = new ArrayList<>();

  /**
   * @param containerPorts the port each container serves on, by container name
   */
  KubernetesManifests(
      DesiredState desired,
      SecretReferences secrets,
      boolean includeSecrets,
      Map<String, Integer> containerPorts) {
    this.desired = desired;
    this.secrets = secrets;
    this.includeSecrets = includeSecrets;
    this.containerPorts = containerPorts;
  }

  Exported render() {
    List<ObjectNode> docs = new ArrayList<>();
    List<ObjectNode> workloads = new ArrayList<>();
    for (ContainerSpec c : desired.containers()) {
      workloads.add(workload(c));
      docs.addAll(claims(c));
      docs.add(service(c));
    }
    List<ObjectNode> all = new ArrayList<>();
    all.add(secret());
    all.addAll(configFiles());
    all.addAll(docs);
    all.addAll(workloads);
    return new Exported(header(), all);
  }

  private String secretName() {
    return objectName(desired.installation()) + "-secrets";
  }

  private List<String> header() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "Kubernetes manifests of the ollama-stack installation '" + desired.installation() + "'.");
    if (includeSecrets) {
      lines.add(
          "The Secret " + secretName() + " holds the stack's secrets: keep this file private.");
      lines.add("  kubectl apply -f FILE");
    } else {
      lines.add(
          "The Secret "
              + secretName()
              + " holds placeholders: render with --include-secrets for the values, or set them"
              + " after applying this file (then restart the workloads):");
      lines.add("  kubectl apply -f FILE");
      lines.add(
          "  kubectl create secret generic "
              + secretName()
              + " --from-env-file=<secrets.env> --dry-run=client -o yaml | kubectl apply -f -");
    }
    lines.addAll(comments);
    return lines;
  }

  private ObjectNode metadata(ObjectNode doc, String name, Map<String, String> labels) {
    ObjectNode m = doc.putObject("metadata");
    m.put("name", name);
    ObjectNode l = m.putObject("labels");
    ObjectNode a = JSON.objectNode();
    labels.forEach(
        (k, v) -> {
          if (LABEL_KEYS.contains(k)) {
            l.put(k, v);
          } else {
            a.put(k, v);
          }
        });
    if (!a.isEmpty()) {
      m.set("annotations", a);
    }
    return m;
  }

  private static ObjectNode doc(String apiVersion, String kind) {
    ObjectNode d = JSON.objectNode();
    d.put("apiVersion", apiVersion);
    d.put("kind", kind);
    return d;
  }

  private ObjectNode secret() {
    ObjectNode s = doc("v1", "Secret");
    metadata(s, secretName(), desired.network().labels());
    s.put("type", "Opaque");
    ObjectNode data = s.putObject("stringData");
    secretData.forEach((k, v) -> data.put(k, includeSecrets ? v : "(sensitive)"));
    return s;
  }

  /** Files the containers mount (mcpo's config): a ConfigMap, or the Secret when sensitive. */
  private List<ObjectNode> configFiles() {
    List<ObjectNode> maps = new ArrayList<>();
    for (RenderedFile f : desired.files()) {
      if (f.sensitive()) {
        continue; // in the Secret, see fileVolume
      }
      ObjectNode cm = doc("v1", "ConfigMap");
      metadata(cm, fileSourceName(f), desired.network().labels());
      cm.putObject("data").put(fileName(f), f.content());
      maps.add(cm);
    }
    return maps;
  }

  private String fileSourceName(RenderedFile f) {
    return objectName(f.containerName()) + "-files";
  }

  private static String fileName(RenderedFile f) {
    return f.hostPath().substring(f.hostPath().lastIndexOf('/') + 1);
  }

  private List<ObjectNode> claims(ContainerSpec c) {
    List<ObjectNode> pvcs = new ArrayList<>();
    if (c.component() == Component.OLLAMA) {
      return pvcs; // the StatefulSet's claim template
    }
    for (Mount m : c.mounts()) {
      if (m.kind() == Mount.Kind.VOLUME) {
        ObjectNode pvc = doc("v1", "PersistentVolumeClaim");
        metadata(pvc, objectName(m.source()), desired.network().labels());
        pvc.set("spec", claimSpec(c.component() == Component.WEBUI ? "5Gi" : "1Gi"));
        pvcs.add(pvc);
      }
    }
    return pvcs;
  }

  private static ObjectNode claimSpec(String size) {
    ObjectNode spec = JSON.objectNode();
    spec.putArray("accessModes").add("ReadWriteOnce");
    spec.putObject("resources").putObject("requests").put("storage", size);
    return spec;
  }

  private ObjectNode service(ContainerSpec c) {
    ObjectNode s = doc("v1", "Service");
    metadata(s, objectName(c.name()), selectorLabels(c));
    ObjectNode spec = s.putObject("spec");
    spec.set("selector", selector(c));
    Integer port = containerPorts.get(c.name());
    if (port == null) {
      // Headless: the name resolves to the pod, whatever port the extension serves on.
      spec.put("clusterIP", "None");
      return s;
    }
    boolean lan = c.ports().stream().anyMatch(p -> "0.0.0.0".equals(p.hostIp()));
    spec.put("type", lan ? "LoadBalancer" : "ClusterIP");
    ObjectNode p = spec.putArray("ports").addObject();
    p.put("name", "http");
    p.put("port", c.ports().isEmpty() || !lan ? port : c.ports().get(0).hostPort());
    p.put("targetPort", port);
    p.put("protocol", "TCP");
    if (!lan && !c.ports().isEmpty()) {
      comments.add(
          c.service()
              + " (expose: localhost): kubectl port-forward svc/"
              + objectName(c.name())
              + " "
              + c.ports().get(0).hostPort()
              + ":"
              + port);
    }
    return s;
  }

  private Map<String, String> selectorLabels(ContainerSpec c) {
    Map<String, String> l = new LinkedHashMap<>(desired.network().labels());
    l.put(Labels.COMPONENT, c.component().label());
    if (c.component() == Component.EXTENSION) {
      l.put(Labels.EXTENSION, c.service());
    }
    return l;
  }

  private ObjectNode selector(ContainerSpec c) {
    ObjectNode s = JSON.objectNode();
    selectorLabels(c)
        .forEach(
            (k, v) -> {
              if (LABEL_KEYS.contains(k)) {
                s.put(k, v);
              }
            });
    return s;
  }

  private ObjectNode workload(ContainerSpec c) {
    boolean stateful = c.component() == Component.OLLAMA;
    ObjectNode w = doc("apps/v1", stateful ? "StatefulSet" : "Deployment");
    metadata(w, objectName(c.name()), c.labels());
    ObjectNode spec = w.putObject("spec");
    spec.put("replicas", 1);
    if (stateful) {
      spec.put("serviceName", objectName(c.name()));
    } else {
      spec.putObject("strategy").put("type", "Recreate");
    }
    spec.putObject("selector").set("matchLabels", selector(c));
    ObjectNode template = spec.putObject("template");
    metadata(template, objectName(c.name()), c.labels()).remove("name");
    ObjectNode pod = template.putObject("spec");
    ObjectNode container = pod.putArray("containers").addObject();
    container(container, c);
    ArrayNode volumes = JSON.arrayNode();
    ArrayNode mounts = JSON.arrayNode();
    for (Mount m : c.mounts()) {
      String volName =
          objectName(m.kind() == Mount.Kind.VOLUME ? m.source() : "host-" + m.target());
      ObjectNode vm = mounts.addObject().put("name", volName).put("mountPath", m.target());
      if (m.readOnly()) {
        vm.put("readOnly", true);
      }
      if (m.kind() == Mount.Kind.VOLUME) {
        if (stateful) {
          ObjectNode claim = spec.withArray("volumeClaimTemplates").addObject();
          claim.putObject("metadata").put("name", volName);
          claim.set("spec", claimSpec("50Gi"));
        } else {
          volumes
              .addObject()
              .put("name", volName)
              .putObject("persistentVolumeClaim")
              .put("claimName", volName);
        }
      } else {
        volumes.add(bindVolume(c, m, volName));
      }
    }
    if (!mounts.isEmpty()) {
      container.set("volumeMounts", mounts);
    }
    if (!volumes.isEmpty()) {
      pod.set("volumes", volumes);
    }
    return w;
  }

  /** mcpo's rendered config from its ConfigMap or the Secret; other host paths as hostPath. */
  private ObjectNode bindVolume(ContainerSpec c, Mount m, String volName) {
    ObjectNode v = JSON.objectNode().put("name", volName);
    for (RenderedFile f : desired.files()) {
      if (f.containerName().equals(c.name()) && f.hostPath().startsWith(m.source() + "/")) {
        if (f.sensitive()) {
          String key = objectName(c.service()) + "-" + fileName(f);
          secretData.put(key, f.content());
          ObjectNode item =
              v.putObject("secret").put("secretName", secretName()).putArray("items").addObject();
          item.put("key", key).put("path", fileName(f));
        } else {
          v.putObject("configMap").put("name", fileSourceName(f));
        }
        return v;
      }
    }
    comments.add(
        c.service()
            + " mounts the host path "
            + m.source()
            + ": a hostPath volume, on the node the pod runs on.");
    v.putObject("hostPath").put("path", m.source());
    return v;
  }

  private void container(ObjectNode k, ContainerSpec c) {
    k.put("name", objectName(c.service()));
    k.put("image", c.imageReference());
    if (!c.entrypoint().isEmpty()) {
      k.set("command", escaped(c.entrypoint()));
    }
    if (!c.cmd().isEmpty()) {
      k.set("args", escaped(c.cmd()));
    }
    env(k, c);
    Integer port = containerPorts.get(c.name());
    if (port != null) {
      k.putArray("ports")
          .addObject()
          .put("name", "http")
          .put("containerPort", port)
          .put("protocol", "TCP");
    }
    if (c.healthCheck() != null) {
      HealthCheck h = c.healthCheck();
      ObjectNode exec = JSON.objectNode();
      exec.set("command", probeCommand(h.test()));
      long interval = Math.max(1, h.interval().toSeconds());
      ObjectNode startup = k.putObject("startupProbe");
      startup.set("exec", exec.deepCopy());
      startup.put("periodSeconds", interval);
      startup.put("timeoutSeconds", Math.max(1, h.timeout().toSeconds()));
      startup.put("failureThreshold", (int) (h.startPeriod().toSeconds() / interval) + h.retries());
      ObjectNode liveness = k.putObject("livenessProbe");
      liveness.set("exec", exec);
      liveness.put("periodSeconds", interval);
      liveness.put("timeoutSeconds", Math.max(1, h.timeout().toSeconds()));
      liveness.put("failureThreshold", h.retries());
    }
    if (c.probe() != null && port != null) {
      ObjectNode readiness = k.putObject("readinessProbe");
      readiness.putObject("httpGet").put("path", c.probe().httpPath()).put("port", port);
      readiness.put("periodSeconds", 5);
    }
    resources(k, c);
  }

  private void env(ObjectNode k, ContainerSpec c) {
    if (c.env().isEmpty()) {
      return;
    }
    ArrayNode env = JSON.arrayNode();
    List<String> referenced = new ArrayList<>();
    List<ObjectNode> plain = new ArrayList<>();
    for (Map.Entry<String, String> e : c.env().entrySet()) {
      ObjectNode var = JSON.objectNode().put("name", e.getKey());
      if (!c.sensitiveEnv().contains(e.getKey())) {
        var.put("value", e.getValue().replace("$(", "$$("));
        plain.add(var);
        continue;
      }
      List<SecretReferences.Part> parts = secrets.split(e.getKey(), e.getValue());
      if (parts.size() == 1 && parts.get(0) instanceof SecretReferences.Part.Secret s) {
        secretData.put(s.name(), secrets.value(s.name()));
        if (!s.name().equals(e.getKey()) && !referenced.contains(s.name())) {
          referenced.add(s.name());
        }
        var.set("valueFrom", secretRef(s.name()));
        plain.add(var);
        continue;
      }
      // A value that embeds secrets: Kubernetes expands $(NAME) of variables defined before it.
      StringBuilder value = new StringBuilder();
      for (SecretReferences.Part p : parts) {
        switch (p) {
          case SecretReferences.Part.Literal l -> value.append(l.text().replace("$(", "$$("));
          case SecretReferences.Part.Secret s -> {
            secretData.put(s.name(), secrets.value(s.name()));
            if (!c.env().containsKey(s.name()) && !referenced.contains(s.name())) {
              referenced.add(s.name());
            }
            value.append("$(").append(s.name()).append(")");
          }
        }
      }
      var.put("value", value.toString());
      plain.add(var);
    }
    for (String name : referenced) {
      env.addObject().put("name", name).set("valueFrom", secretRef(name));
    }
    // Variables a value refers to come first, so $(NAME) expands.
    plain.stream().filter(v -> v.has("valueFrom")).forEach(env::add);
    plain.stream().filter(v -> !v.has("valueFrom")).forEach(env::add);
    k.set("env", env);
  }

  private ObjectNode secretRef(String key) {
    ObjectNode ref = JSON.objectNode();
    ref.putObject("secretKeyRef").put("name", secretName()).put("key", key);
    return ref;
  }

  private void resources(ObjectNode k, ContainerSpec c) {
    ObjectNode limits = JSON.objectNode();
    if (c.resources().memoryBytes() != null) {
      limits.put("memory", String.valueOf(c.resources().memoryBytes()));
    }
    if (c.resources().cpus() != null) {
      limits.put("cpu", String.valueOf(c.resources().cpus()));
    }
    GpuRequest gpus = c.devices().gpuRequest();
    if (gpus != null || !c.devices().cdiDevices().isEmpty()) {
      int count =
          switch (gpus) {
            case GpuRequest.Count n -> n.count();
            case GpuRequest.DeviceIds ids -> ids.ids().size();
            case GpuRequest.All a -> 1;
            case null -> 1;
          };
      limits.put("nvidia.com/gpu", String.valueOf(count));
      if (!(gpus instanceof GpuRequest.Count)) {
        comments.add(
            c.service()
                + " asks for "
                + count
                + " nvidia.com/gpu: Kubernetes counts GPUs, it cannot say all or name them"
                + " (needs the NVIDIA device plugin).");
      }
    }
    if (!c.devices().devices().isEmpty()) {
      comments.add(
          c.service()
              + ": host devices ("
              + String.join(", ", c.devices().devices())
              + ") are not rendered; AMD GPUs need the AMD device plugin (amd.com/gpu).");
    }
    if (!limits.isEmpty()) {
      k.putObject("resources").set("limits", limits);
    }
  }

  private static ArrayNode escaped(List<String> values) {
    ArrayNode a = JSON.arrayNode();
    values.forEach(v -> a.add(v.replace("$(", "$$(")));
    return a;
  }

  /** Docker's CMD form runs the words; CMD-SHELL a shell, as Kubernetes' exec must be told. */
  private static ArrayNode probeCommand(List<String> test) {
    ArrayNode a = JSON.arrayNode();
    if (!test.isEmpty() && test.get(0).equals("CMD-SHELL")) {
      a.add("sh").add("-c").add(String.join(" ", test.subList(1, test.size())));
    } else {
      test.stream().skip(test.isEmpty() || !test.get(0).equals("CMD") ? 0 : 1).forEach(a::add);
    }
    return a;
  }

  /** Kubernetes object names are DNS labels: lower case, digits and '-'. */
  static String objectName(String s) {
    String n =
        s.toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("-{2,}", "-")
            .replaceAll("^-|-$", "");
    return n.length() > 63 ? n.substring(0, 63).replaceAll("-$", "") : n;
  }
}
