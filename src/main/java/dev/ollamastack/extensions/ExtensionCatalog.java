package dev.ollamastack.extensions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.model.ExtensionManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The extensions a stack can enable, by name: the built-in catalog shipped in the jar ({@code
 * dev/ollamastack/extensions/catalog/<name>/extension.yaml}) plus the user's manifests.
 */
public final class ExtensionCatalog {
  static final String ROOT = "/dev/ollamastack/extensions/catalog/";
  public static final String BUILT_IN = "built-in";

  private static final class Holder {
    static final ExtensionCatalog BUILT_INS = loadBuiltIns();
  }

  // A built-in manifest is read when it is first asked for: a stack enables one or two of them
  private final Map<String, Supplier<ExtensionManifest>> byName;

  private ExtensionCatalog(Map<String, Supplier<ExtensionManifest>> byName) {
    this.byName = new TreeMap<>(byName);
  }

  /** The built-in catalog: reference MCP servers mcpo's image can launch (npx, uvx). */
  public static ExtensionCatalog builtIn() {
    return Holder.BUILT_INS;
  }

  /** This catalog with the user's manifests added; a user's manifest shadows a built-in. */
  public ExtensionCatalog with(Map<String, ExtensionManifest> user) {
    if (user.isEmpty()) {
      return this;
    }
    Map<String, Supplier<ExtensionManifest>> all = new TreeMap<>(byName);
    user.forEach((name, m) -> all.put(name, () -> m));
    return new ExtensionCatalog(all);
  }

  public Optional<ExtensionManifest> find(String name) {
    Supplier<ExtensionManifest> m = byName.get(name);
    return m == null ? Optional.empty() : Optional.of(m.get());
  }

  public Set<String> names() {
    return byName.keySet();
  }

  public Collection<ExtensionManifest> all() {
    return byName.values().stream().map(Supplier::get).toList();
  }

  /** The built-in manifest's YAML, as shipped (for {@code extensions info}). */
  public static String builtInText(String name) {
    return resource(ROOT + name + "/extension.yaml");
  }

  private static ExtensionCatalog loadBuiltIns() {
    Map<String, Supplier<ExtensionManifest>> all = new TreeMap<>();
    for (String name : resource(ROOT + "index").split("\\s+")) {
      if (!name.isBlank()) {
        all.put(name, new Once(name));
      }
    }
    return new ExtensionCatalog(all);
  }

  /** A built-in manifest, parsed by its first reader; a reader meanwhile waits for it. */
  private static final class Once implements Supplier<ExtensionManifest> {
    private final String name;
    private ExtensionManifest manifest;

    Once(String name) {
      this.name = name;
    }

    @Override
    public synchronized ExtensionManifest get() {
      if (manifest == null) {
        Load yaml = new Load(LoadSettings.builder().build());
        JsonNode tree = new ObjectMapper().valueToTree(yaml.loadFromString(builtInText(name)));
        manifest = ManifestReader.read(tree, BUILT_IN);
      }
      return manifest;
    }
  }

  private static String resource(String path) {
    try (InputStream in = ExtensionCatalog.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
