package dev.ollamastack.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamastack.model.ToolVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code <state>/<installation>/validated.json}: digests of stack contents (after {@code ${VAR}}
 * interpolation) that passed the JSON-schema check with this tool version and this schema. Loading
 * the schema validator costs more than the rest of a no-op {@code plan}, and a file that passed
 * once passes again; a changed or new file is always validated. A cache only: written when the
 * installation's state directory exists already, never fsynced, and any read problem is a miss.
 */
final class ValidationCache {
  static final String FILE = "validated.json";
  private static final int KEEP = 16;

  private final Path stateHome;

  /**
   * @param stateHome {@code $OLLAMA_STACK_HOME}, or null for no cache
   */
  ValidationCache(Path stateHome) {
    this.stateHome = stateHome;
  }

  static ValidationCache none() {
    return new ValidationCache(null);
  }

  /** The key of an interpolated stack tree: tool version, schema and content. */
  static String key(JsonNode tree) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((ToolVersion.get() + "\0").getBytes(StandardCharsets.UTF_8));
      try (InputStream schema = ValidationCache.class.getResourceAsStream(StackSchema.RESOURCE)) {
        if (schema != null) {
          sha.update(schema.readAllBytes());
        }
      }
      sha.update((byte) 0);
      // not tree.toString(): that builds a mapper of Jackson's own in a fresh JVM (~20 ms)
      sha.update(Json.bytes(tree));
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      return null;
    }
  }

  boolean knows(String installation, String key) {
    return key != null && read(installation).contains(key);
  }

  void remember(String installation, String key) {
    Path file = file(installation);
    if (key == null || file == null || !Files.isDirectory(file.getParent())) {
      return;
    }
    Set<String> keys = new LinkedHashSet<>(read(installation));
    keys.remove(key);
    keys.add(key);
    List<String> kept = new ArrayList<>(keys);
    kept = kept.subList(Math.max(0, kept.size() - KEEP), kept.size());
    try {
      Path temp = Files.createTempFile(file.getParent(), "." + FILE, ".tmp");
      Files.writeString(temp, Json.array(kept));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // a cache that cannot be written only costs the next run a full validation
    }
  }

  private List<String> read(String installation) {
    Path file = file(installation);
    if (file == null || !Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return Json.strings(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private Path file(String installation) {
    if (stateHome == null
        || installation == null
        || !installation.matches("[a-z0-9][a-z0-9_.-]*")) {
      return null;
    }
    return stateHome.resolve(installation).resolve(FILE);
  }

  /** The file is a JSON array of hex digests: Jackson for reading and writing it. */
  private static final class Json {
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
        new com.fasterxml.jackson.databind.ObjectMapper();

    static byte[] bytes(JsonNode tree) throws IOException {
      return MAPPER.writeValueAsBytes(tree);
    }

    static String array(List<String> keys) throws IOException {
      return MAPPER.writeValueAsString(keys) + "\n";
    }

    /** As a tree: binding to {@code String[]} builds a deserializer by reflection (~9 ms). */
    static List<String> strings(String text) throws IOException {
      JsonNode array = MAPPER.readTree(text);
      if (array == null || !array.isArray()) {
        return List.of();
      }
      List<String> keys = new ArrayList<>();
      array.forEach(k -> keys.add(k.asText()));
      return keys;
    }
  }
}
