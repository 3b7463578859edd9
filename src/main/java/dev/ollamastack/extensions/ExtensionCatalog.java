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

  private final Map<String, ExtensionManifest> byName;

  private ExtensionCatalog(Map<String, ExtensionManifest> byName) {
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
    Map<String, ExtensionManifest> all = new TreeMap<>(byName);
    all.putAll(user);
    return new ExtensionCatalog(all);
  }

  public Optional<ExtensionManifest> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Set<String> names() {
    return byName.keySet();
  }

  public Collection<ExtensionManifest> all() {
    return byName.values();
  }

  /** The built-in manifest's YAML, as shipped (for {@code extensions info}). */
  public static String builtInText(String name) {
    return resource(ROOT + name + "/extension.yaml");
  }

  private static ExtensionCatalog loadBuiltIns() {
    ObjectMapper json = new ObjectMapper();
    Load yaml = new Load(LoadSettings.builder().build());
    Map<String, ExtensionManifest> all = new TreeMap<>();
    for (String name : resource(ROOT + "index").split("\\s+")) {
      if (name.isBlank()) {
        continue;
      }
      JsonNode tree = json.valueToTree(yaml.loadFromString(builtInText(name)));
      all.put(name, ManifestReader.read(tree, BUILT_IN));
    }
    return new ExtensionCatalog(all);
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
