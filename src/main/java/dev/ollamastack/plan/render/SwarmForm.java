package dev.ollamastack.plan.render;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.RenderedFile;
import dev.ollamastack.model.ResourceKind;
import dev.ollamastack.model.SwarmDesired;
import dev.ollamastack.model.SwarmFile;
import dev.ollamastack.model.SwarmFileMount;
import dev.ollamastack.model.SwarmService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Swarm form of a desired state ({@code spec.target: swarm}): one service per container spec,
 * made from the same spec, so both targets run the same software with the same settings.
 *
 * <ul>
 *   <li>Secrets are never plain environment: each sensitive variable becomes a Swarm secret mounted
 *       at {@code /run/secrets/<VARIABLE>}, exported by a {@code sh -c} wrapper before the
 *       service's own command runs (mcpo takes its key only as an argument; Open WebUI's {@code
 *       start.sh} reads {@code WEBUI_SECRET_KEY} from the environment).
 *   <li>Host files the tool renders (mcpo's {@code config.json}) become Swarm configs, or secrets
 *       when they hold a secret, mounted where the bind mount put them.
 *   <li>A Swarm publishes a port on every interface of every node and cannot bind 127.0.0.1: with
 *       {@code expose: localhost} nothing is published, and the plan says how to reach the
 *       services; {@code expose: lan} publishes through the routing mesh.
 *   <li>NVIDIA GPUs: the service is placed on nodes labelled {@code ollama-stack.gpu=nvidia}.
 * </ul>
 *
 * The service's config hash is taken of the container's canonical form with this form's version:
 * what the container hash covers, the service hash covers.
 */
public final class SwarmForm {
  /** Bumped when the same container spec renders another service. */
  public static final String FORM = "swarm/1";

  /** The node label GPU services are placed by. */
  public static final String GPU_NODE_LABEL = "ollama-stack.gpu";

  /** Where each secret variable is mounted in the task. */
  static final String SECRETS_DIR = "/run/secrets/";

  private SwarmForm() {}

  /** The service name of a container's service: {@code <installation>_<service>}. */
  public static String serviceName(String installation, String service) {
    return installation + "_" + service;
  }

  /**
   * The desired state on the {@code swarm} target: its Swarm form, and what the tool cannot reach
   * there left out. With {@code expose: localhost} nothing is published, so Ollama's API (models)
   * and Open WebUI's admin API (tool servers after the first start) are out of this machine's
   * reach: the plan says so instead of failing on them.
   */
  public static DesiredState onSwarm(DesiredState desired) {
    SwarmDesired form = of(desired);
    boolean ollamaUnpublished =
        desired.containers().stream()
            .anyMatch(
                c ->
                    c.component() == Component.OLLAMA
                        && c.ports().stream().noneMatch(p -> "0.0.0.0".equals(p.hostIp())));
    String ollamaUrl = ollamaUnpublished ? null : desired.ollamaUrl();
    List<String> notes = new ArrayList<>(form.notes());
    if (ollamaUrl == null
        && desired.ollamaUrl() != null
        && (!desired.models().isEmpty() || desired.pruneModels())) {
      notes.add(
          "models are not pulled on the swarm target with expose: localhost (this tool cannot"
              + " reach Ollama's API there): docker exec into the ollama task and run 'ollama pull"
              + " MODEL', or set spec.expose: lan");
    }
    return new DesiredState(
            desired.installation(),
            desired.network(),
            desired.volumes(),
            desired.containers(),
            desired.files(),
            ollamaUrl,
            ollamaUrl == null ? List.of() : desired.models(),
            ollamaUrl != null && desired.pruneModels(),
            null,
            ollamaUrl == null ? List.of() : desired.preload(),
            desired.keepAlive())
        .onSwarm(new SwarmDesired(form.services(), form.files(), notes, form.problems()));
  }

  public static SwarmDesired of(DesiredState desired) {
    List<SwarmService> services = new ArrayList<>();
    Map<String, SwarmFile> files = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> unpublished = new ArrayList<>();
    for (ContainerSpec c : desired.containers()) {
      String name = serviceName(desired.installation(), c.service());
      Map<String, String> baseLabels = objectLabels(c);
      List<SwarmFileMount> fileMounts = new ArrayList<>();
      // Rendered host files: configs (secrets when they hold one) where the bind mount put them.
      for (RenderedFile f : desired.files()) {
        if (!f.containerName().equals(c.name())) {
          continue;
        }
        Optional<String> target = targetOf(c, f.hostPath());
        if (target.isEmpty()) {
          problems.add(
              c.service() + ": the rendered file " + f.hostPath() + " is mounted by no bind mount");
          continue;
        }
        ResourceKind kind = f.sensitive() ? ResourceKind.SECRET : ResourceKind.SWARM_CONFIG;
        String base = f.hostPath().substring(f.hostPath().lastIndexOf('/') + 1);
        SwarmFile file = file(kind, name, base, f.content(), baseLabels);
        files.putIfAbsent(file.name(), file);
        fileMounts.add(new SwarmFileMount(kind, file.name(), target.get()));
      }
      Map<String, String> env = new TreeMap<>(c.env());
      List<String> secretVars = new ArrayList<>();
      for (String key : c.sensitiveEnv()) {
        String value = env.remove(key);
        if (value == null) {
          continue;
        }
        SwarmFile secret =
            file(ResourceKind.SECRET, name, key.toLowerCase(Locale.ROOT), value, baseLabels);
        files.putIfAbsent(secret.name(), secret);
        fileMounts.add(new SwarmFileMount(ResourceKind.SECRET, secret.name(), SECRETS_DIR + key));
        secretVars.add(key);
      }
      List<String> command = new ArrayList<>(c.entrypoint());
      List<String> args = new ArrayList<>(c.cmd());
      if (!secretVars.isEmpty()) {
        Optional<List<String>> argv = argv(c);
        if (argv.isEmpty()) {
          problems.add(
              c.service()
                  + " needs secrets ("
                  + String.join(", ", secretVars)
                  + "), which a Swarm passes as files, and the command of its image is not known"
                  + " to ollama-stack: set the extension's command with its entrypoint, or run it"
                  + " with spec.target: docker");
        } else {
          command = List.of("sh", "-c", exports(secretVars) + "exec \"$0\" \"$@\"");
          args = argv.get();
        }
      }
      List<PortBinding> published = new ArrayList<>();
      for (PortBinding p : c.ports()) {
        if ("0.0.0.0".equals(p.hostIp())) {
          published.add(p);
        } else {
          unpublished.add(unpublishedLine(c, p));
        }
      }
      List<String> constraints = new ArrayList<>();
      if (c.devices().gpuRequest() != null || !c.devices().cdiDevices().isEmpty()) {
        constraints.add("node.labels." + GPU_NODE_LABEL + "==nvidia");
        notes.add(
            c.service()
                + " runs only on nodes labelled "
                + GPU_NODE_LABEL
                + "=nvidia (docker node update --label-add "
                + GPU_NODE_LABEL
                + "=nvidia NODE), whose engine has the NVIDIA runtime as default-runtime");
      }
      if (!c.devices().devices().isEmpty()) {
        problems.add(
            c.service()
                + ": a Swarm service cannot map host devices ("
                + String.join(", ", c.devices().devices())
                + "): AMD GPUs need spec.target: docker");
      }
      if (c.mounts().stream()
          .anyMatch(m -> m.kind() == Mount.Kind.BIND && !rendersInto(desired, c, m))) {
        notes.add(
            c.service()
                + " bind-mounts host directories: they must exist on the node its task runs on");
      }
      String canonical = c.labels().getOrDefault(Labels.SPEC, "");
      String hash = ConfigHash.sha256(FORM + "\n" + canonical + "\n" + fileNames(fileMounts));
      Map<String, String> labels = new LinkedHashMap<>(c.labels());
      labels.put(Labels.HASH_VERSION, FORM);
      labels.put(Labels.CONFIG_HASH, hash);
      services.add(
          new SwarmService(
              name,
              c.toBuilder()
                  .entrypoint(command)
                  .cmd(args)
                  .env(env)
                  .mounts(mounts(desired, c))
                  .build(),
              fileMounts,
              published,
              constraints,
              labels,
              hash,
              canonical));
    }
    if (!unpublished.isEmpty()) {
      notes.add(
          unpublishedNote(desired.network().name(), "IMAGE-WITH-CURL curl http://<name>:<port>/"));
      notes.addAll(unpublished);
    }
    return new SwarmDesired(services, List.copyOf(files.values()), notes, problems);
  }

  /**
   * Why {@code expose: localhost} publishes nothing on a Swarm, and how to reach the services:
   * {@code example} is what runs on the attachable network.
   */
  public static String unpublishedNote(String network, String example) {
    return "expose: localhost publishes nothing on a Swarm (it publishes a port on every interface"
        + " of every node and cannot bind 127.0.0.1). Reach the services over the attachable"
        + " network "
        + network
        + " (docker run --rm --network "
        + network
        + " "
        + example
        + "), with docker exec into a task, or through an SSH tunnel to a node; or set"
        + " spec.expose: lan to publish through the routing mesh:";
  }

  /** One port {@code expose: localhost} leaves unpublished on a Swarm. */
  public static String unpublishedLine(ContainerSpec c, PortBinding p) {
    return "  "
        + c.service()
        + ": "
        + c.name()
        + ":"
        + p.containerPort()
        + " (port "
        + p.hostPort()
        + " with expose: lan)";
  }

  /** The labels of a secret or config: the installation's, and the component it is for. */
  private static Map<String, String> objectLabels(ContainerSpec c) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String key :
        List.of(
            Labels.INSTALLATION,
            Labels.MANAGED_BY,
            Labels.VERSION,
            Labels.COMPONENT,
            Labels.EXTENSION)) {
      if (c.labels().containsKey(key)) {
        labels.put(key, c.labels().get(key));
      }
    }
    return labels;
  }

  /** A secret or config named by its service, what it is and a digest of its content. */
  private static SwarmFile file(
      ResourceKind kind, String service, String what, String data, Map<String, String> labels) {
    String digest = ConfigHash.sha256(kind.label() + "\n" + data).substring(0, 12);
    String clean = what.replaceAll("[^a-zA-Z0-9_.-]", "_");
    Map<String, String> l = new LinkedHashMap<>(labels);
    l.put(Labels.CONFIG_HASH, digest);
    return new SwarmFile(kind, service + "_" + clean + "-" + digest, data, l);
  }

  private static String fileNames(List<SwarmFileMount> mounts) {
    return String.join(
        ",", mounts.stream().map(m -> m.objectName() + "=" + m.target()).sorted().toList());
  }

  /** Where a rendered host file appears in the container: under the bind mount holding it. */
  private static Optional<String> targetOf(ContainerSpec c, String hostPath) {
    for (Mount m : c.mounts()) {
      if (m.kind() == Mount.Kind.BIND && hostPath.startsWith(m.source() + "/")) {
        return Optional.of(m.target() + hostPath.substring(m.source().length()));
      }
    }
    return Optional.empty();
  }

  private static boolean rendersInto(DesiredState desired, ContainerSpec c, Mount m) {
    return desired.files().stream()
        .anyMatch(
            f -> f.containerName().equals(c.name()) && f.hostPath().startsWith(m.source() + "/"));
  }

  /** The mounts a task keeps: volumes, and host directories the tool does not render into. */
  public static List<Mount> mounts(DesiredState desired, ContainerSpec c) {
    return c.mounts().stream()
        .filter(m -> m.kind() == Mount.Kind.VOLUME || !rendersInto(desired, c, m))
        .toList();
  }

  /**
   * The whole command a container runs: its entrypoint and command, or what its image runs (the
   * images of the stack's own services, as real-images.md records them).
   */
  private static Optional<List<String>> argv(ContainerSpec c) {
    List<String> argv = new ArrayList<>(c.entrypoint());
    if (argv.isEmpty()) {
      List<String> image =
          switch (c.component()) {
            case OLLAMA -> List.of("/bin/ollama");
            case WEBUI -> c.cmd().isEmpty() ? List.of("bash", "start.sh") : List.of();
            case MCP_PROXY -> List.of("mcpo");
            case EXTENSION -> null;
          };
      if (image == null) {
        return Optional.empty();
      }
      argv.addAll(image);
      if (c.component() == Component.OLLAMA && c.cmd().isEmpty()) {
        argv.add("serve");
      }
    }
    argv.addAll(c.cmd());
    return Optional.of(argv);
  }

  /** {@code export A="$(cat /run/secrets/A)"; …} for each secret variable. */
  private static String exports(List<String> vars) {
    Set<String> seen = new LinkedHashSet<>(vars);
    StringBuilder sb = new StringBuilder();
    for (String v : seen) {
      sb.append("export ")
          .append(v)
          .append("=\"$(cat ")
          .append(SECRETS_DIR)
          .append(v)
          .append(")\"; ");
    }
    return sb.toString();
  }
}
