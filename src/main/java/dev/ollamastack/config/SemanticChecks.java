package dev.ollamastack.config;

import dev.ollamastack.config.SourceMap.Location;
import dev.ollamastack.extensions.ExtensionCatalog;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ExtensionManifest;
import dev.ollamastack.model.ExtensionsSpec;
import dev.ollamastack.model.ModelNames;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.StackSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rules a JSON Schema cannot express: they relate fields to each other or to the disk. Runs on the
 * mapped spec, pointing back into the file through the source map.
 */
final class SemanticChecks {
  /**
   * What the checks found.
   *
   * @param errors problems that make the stack unusable
   * @param warnings problems that do not, but probably are mistakes
   */
  record Findings(List<Problem> errors, List<Problem> warnings) {}

  private static final String OLLAMA = "spec.services.ollama";

  private final String file;
  private final SourceMap sources;
  private final ExtensionManifests.Found extensions;
  private final String stateHome;
  private final List<Problem> errors = new ArrayList<>();
  private final List<Problem> warnings = new ArrayList<>();

  /**
   * @param stateHome {@code $OLLAMA_STACK_HOME} as set, or {@code null}: where secrets are kept
   */
  SemanticChecks(
      String file, SourceMap sources, ExtensionManifests.Found extensions, String stateHome) {
    this.file = file;
    this.sources = sources;
    this.extensions = extensions;
    this.stateHome = stateHome;
  }

  Findings check(StackSpec spec) {
    checkOllamaUrl(spec);
    checkPorts(spec);
    checkGpus(spec);
    checkPreload(spec);
    checkExtensions(spec);
    checkNameLengths(spec);
    errors.addAll(ReservedEnv.problems(spec, file, sources, stateHome));
    errors.addAll(DockerLimits.problems(spec, file, sources));
    return new Findings(List.copyOf(errors), List.copyOf(warnings));
  }

  private void checkOllamaUrl(StackSpec spec) {
    String url = spec.ollama().url();
    if (url == null) {
      if (spec.ollama().mode() == OllamaMode.EXTERNAL) {
        errors.add(
            at(
                OLLAMA + ".mode",
                OLLAMA + ".url",
                "required when mode is external (e.g. http://gpu-box:11434)"));
      }
      return;
    }
    if (!isHttpUrl(url)) {
      errors.add(at(OLLAMA + ".url", "must be an http:// or https:// URL (got \"" + url + "\")"));
    }
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** Two published services on one host port: the second container would fail to start. */
  private void checkPorts(StackSpec spec) {
    Map<String, Integer> published = new LinkedHashMap<>();
    if (spec.ollama().mode() == OllamaMode.CONTAINER) {
      published.put(OLLAMA + ".port", spec.ollama().port());
    }
    if (spec.webui().enabled()) {
      published.put("spec.services.webui.port", spec.webui().port());
    }
    if (spec.mcpProxy().enabled()) {
      published.put("spec.services.mcpProxy.port", spec.mcpProxy().port());
    }
    Map<Integer, String> owner = new LinkedHashMap<>();
    published.forEach(
        (path, port) -> {
          if (port == null) {
            return;
          }
          String first = owner.putIfAbsent(port, path);
          if (first != null) {
            // Point at the one the user wrote; a default clashing is the other one's fault.
            boolean blameFirst = sources.has(first) && !sources.has(path);
            String culprit = blameFirst ? first : path;
            String other = blameFirst ? path : first;
            errors.add(at(culprit, "host port " + port + " is already used by " + other));
          }
        });
  }

  /**
   * A model is loaded from what Ollama has: a preloaded one must be pulled, so listed in models.
   */
  private void checkPreload(StackSpec spec) {
    List<String> preload = spec.ollama().preload();
    List<String> models = spec.ollama().models();
    for (int i = 0; i < preload.size(); i++) {
      String name = preload.get(i);
      if (models.stream().noneMatch(m -> ModelNames.same(m, name))) {
        errors.add(
            at(
                DottedPath.index(OLLAMA + ".preload", i),
                "\""
                    + name
                    + "\" is not in "
                    + OLLAMA
                    + ".models: add it there too, so it is pulled before it is loaded"));
      }
    }
  }

  /** {@code gpus} only reaches Docker on nvidia; elsewhere it is a leftover, not an error. */
  private void checkGpus(StackSpec spec) {
    Platform p = spec.platform();
    boolean gpuless = p == Platform.CPU || p == Platform.AMD || p == Platform.APPLE;
    if (gpuless && sources.has(OLLAMA + ".gpus")) {
      warnings.add(
          at(
              OLLAMA + ".gpus",
              "ignored on platform " + p.yamlName() + ": GPUs are only requested on nvidia"));
    }
  }

  private void checkExtensions(StackSpec spec) {
    List<String> enabled = spec.extensions().enabled();
    ExtensionCatalog catalog = ExtensionCatalog.builtIn().with(extensions.manifests());
    Set<String> known = new TreeSet<>(catalog.names());
    known.addAll(extensions.invalid().keySet());
    for (int i = 0; i < enabled.size(); i++) {
      String name = enabled.get(i);
      String at = DottedPath.index("spec.extensions.enabled", i);
      List<Problem> invalid = extensions.invalid().get(name);
      if (invalid != null) {
        errors.addAll(invalid); // the manifest's own problems, at its own lines
      } else if (!known.contains(name)) {
        String suggestion =
            DidYouMean.suggest(name, known).map(s -> ", did you mean \"" + s + "\"?").orElse("");
        errors.add(
            at(
                at,
                "unknown extension \""
                    + name
                    + "\""
                    + suggestion
                    + " (known: "
                    + String.join(", ", known)
                    + ")"));
      } else {
        catalog.find(name).ifPresent(m -> checkEnabled(spec, m, at));
      }
    }
    for (String name : spec.extensions().settings().keySet()) {
      if (!enabled.contains(name)) {
        String path = DottedPath.child("spec.extensions.settings", name);
        Location key = sources.key(path);
        warnings.add(
            new Problem(
                file,
                key.line(),
                key.column(),
                path,
                "settings for extension \"" + name + "\", which is not enabled"));
      }
    }
  }

  /** An enabled extension's needs the stack file must meet. */
  private void checkEnabled(StackSpec spec, ExtensionManifest m, String at) {
    if (m.runsContainer()
        && java.util.Arrays.stream(dev.ollamastack.model.Component.values())
            .anyMatch(c -> c.serviceName().equals(m.name()))) {
      errors.add(
          at(
              at,
              "extension \""
                  + m.name()
                  + "\" runs a container: rename it, \""
                  + m.name()
                  + "\" is a service of the stack"));
    }
    ExtensionsSpec.ExtensionSettings settings = spec.extensions().settingsOf(m.name());
    String dirPath = DottedPath.child("spec.extensions.settings", m.name()) + ".directory";
    if (m.directory() != null && settings.directory() == null) {
      errors.add(
          at(
              at,
              "extension \""
                  + m.name()
                  + "\" serves a host directory: set "
                  + dirPath
                  + " (mounted read-only unless readOnly: false)"));
    } else if (m.directory() != null
        && !java.nio.file.Files.isDirectory(Path.of(settings.directory()))) {
      errors.add(at(dirPath, "directory " + settings.directory() + " does not exist"));
    } else if (m.directory() == null && settings.directory() != null) {
      warnings.add(at(dirPath, "ignored: extension \"" + m.name() + "\" serves no host directory"));
    }
  }

  /** Docker's DNS resolves a container by a name of at most 63 characters (one DNS label). */
  static final int MAX_CONTAINER_NAME = 63;

  /**
   * Every container name the stack can have, extensions' included, fits a DNS label: else Open
   * WebUI cannot resolve {@code <name>-ollama} (or mcpo an extension) while apply says converged.
   */
  private void checkNameLengths(StackSpec spec) {
    String name = spec.name();
    String longestCore = null;
    for (Component c : Component.values()) {
      if (c != Component.EXTENSION) {
        String n = c.containerName(name);
        longestCore = longestCore == null || n.length() > longestCore.length() ? n : longestCore;
      }
    }
    if (longestCore.length() > MAX_CONTAINER_NAME) {
      int max = MAX_CONTAINER_NAME - (longestCore.length() - name.length());
      errors.add(
          at(
              "metadata.name",
              tooLong(longestCore) + "; use at most " + max + " characters for metadata.name"));
      return;
    }
    List<String> enabled = spec.extensions().enabled();
    for (int i = 0; i < enabled.size(); i++) {
      String n = name + "-" + Component.EXTENSION.serviceName() + "-" + enabled.get(i);
      if (n.length() > MAX_CONTAINER_NAME) {
        errors.add(
            at(
                DottedPath.index("spec.extensions.enabled", i),
                tooLong(n) + "; shorten metadata.name or the extension's name"));
      }
    }
  }

  private static String tooLong(String containerName) {
    return "makes the container name "
        + containerName
        + " "
        + containerName.length()
        + " characters long, past the 63 a DNS name allows: other containers could not reach it"
        + " by name";
  }

  private Problem at(String path, String message) {
    return at(path, path, message);
  }

  private Problem at(String locatedBy, String path, String message) {
    Location where = sources.value(locatedBy);
    return new Problem(file, where.line(), where.column(), path, message);
  }
}
