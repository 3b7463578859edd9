package dev.ollamastack.app.backup;

import dev.ollamastack.backup.OlderEnvFile;
import dev.ollamastack.backup.OlderInstallation;
import dev.ollamastack.engine.ContainerDetails;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ToolException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds an installation of the older Python CLI on the engine: its containers carry {@code
 * ollama-stack.component} (and usually {@code ollama-stack.installation=<PROJECT_NAME>}) but not
 * {@code ollama-stack.managed-by}; Compose adds {@code com.docker.compose.project}. What they were
 * created with (images, ports, limits, mounts, env) is read from them, since {@code .env} or the
 * shell may have changed what the compose file says.
 */
final class OlderFinder {
  static final String COMPOSE_PROJECT = "com.docker.compose.project";

  /** The older installation as found. */
  record Found(
      String project,
      List<ContainerDetails> containers,
      OlderInstallation facts,
      String secretKey) {}

  private OlderFinder() {}

  static Optional<Found> find(
      DockerEngine engine, String project, OlderEnvFile env, String configJson) {
    Map<String, String> any = new HashMap<>();
    any.put(Labels.COMPONENT, null);
    Map<String, List<ObservedContainer>> byProject = new TreeMap<>();
    for (ObservedContainer c : engine.listContainers(any)) {
      if (dev.ollamastack.plan.OlderInstallation.madeByOlderCli(c)) {
        String p = c.labels().getOrDefault(Labels.INSTALLATION, c.labels().get(COMPOSE_PROJECT));
        if (p != null) {
          byProject.computeIfAbsent(p, k -> new ArrayList<>()).add(c);
        }
      }
    }
    String name = project != null ? project : env.projectName().orElse(null);
    if (name == null) {
      if (byProject.size() > 1) {
        throw ToolException.invalidInput(
            "several installations of the older ollama-stack are here: "
                + String.join(", ", byProject.keySet()),
            "name the one to migrate with --project NAME");
      }
      name = byProject.isEmpty() ? null : byProject.keySet().iterator().next();
    }
    if (name == null) {
      return Optional.empty();
    }
    List<ContainerDetails> details = new ArrayList<>();
    for (ObservedContainer c : byProject.getOrDefault(name, List.of())) {
      engine.containerDetails(c.id()).ifPresent(details::add);
    }
    return Optional.of(
        new Found(name, details, facts(name, details, configJson), secretKey(details, env)));
  }

  private static OlderInstallation facts(
      String project, List<ContainerDetails> cs, String configJson) {
    OlderInstallation d =
        OlderInstallation.defaults(
            project,
            dev.ollamastack.backup.OlderConfigFile.ollamaMode(configJson),
            dev.ollamastack.backup.OlderConfigFile.ollamaUrl(configJson));
    if (cs.isEmpty()) {
      return d;
    }
    Map<String, String> images = new LinkedHashMap<>();
    Map<String, Integer> ports = new LinkedHashMap<>();
    Long memory = null;
    Double cpus = null;
    Map<String, String> webuiEnv = new TreeMap<>();
    boolean mcp = false;
    String tz = null;
    for (ContainerDetails c : cs) {
      switch (c.labels().getOrDefault(Labels.COMPONENT, "")) {
        case "ollama" -> {
          images.put("ollama", c.image());
          ports.put("ollama", c.ports().get(11434));
          memory = c.memoryBytes() > 0 ? c.memoryBytes() : null;
          cpus = c.nanoCpus() > 0 ? c.nanoCpus() / 1e9 : null;
        }
        case "webui" -> {
          images.put("webui", c.image());
          ports.put("webui", c.ports().get(8080));
          OlderInstallation.KEPT_WEBUI_ENV.forEach(
              k -> {
                if (c.env().containsKey(k)) {
                  webuiEnv.put(k, c.env().get(k));
                }
              });
        }
        case "mcp_proxy" -> {
          mcp = true;
          images.put("mcp-proxy", c.image());
          ports.put("mcp-proxy", c.ports().get(8000));
          tz =
              c.cmd().stream()
                  .filter(a -> a.startsWith("--local-timezone="))
                  .map(a -> a.substring(17))
                  .findFirst()
                  .orElse(null);
        }
        default -> {}
      }
    }
    boolean ollamaContainer =
        cs.stream().anyMatch(c -> "ollama".equals(c.labels().get(Labels.COMPONENT)));
    String mode = ollamaContainer ? "container" : d.ollamaMode();
    return new OlderInstallation(
        project, mode, d.ollamaUrl(), images, ports, memory, cpus, webuiEnv, mcp, tz);
  }

  /** The key Open WebUI runs with (what its sessions are signed with), else the {@code .env}'s. */
  private static String secretKey(List<ContainerDetails> cs, OlderEnvFile env) {
    for (ContainerDetails c : cs) {
      String k = c.env().get(OlderEnvFile.WEBUI_SECRET_KEY);
      if ("webui".equals(c.labels().get(Labels.COMPONENT)) && OlderEnvFile.usableKey(k)) {
        return k;
      }
    }
    return env.secretKey().orElse(null);
  }
}
