package dev.ollamastack.app.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.lock.LockFile;
import dev.ollamastack.lock.StackLock;
import dev.ollamastack.model.ToolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The last update that took a backup first, as {@code rollback} needs it: in the installation's
 * state directory, {@code rollback/previous.lock} (the pins before the update, in the lock file's
 * format) and {@code rollback/last-update.json} (when, which backup and the SHA-256 of its
 * manifest, Open WebUI's image and its digests before and after). The JSON is written last, so a
 * record is complete or absent. An update that takes no backup removes it: rollback undoes only the
 * last update.
 *
 * @param backup the pre-update backup directory
 * @param manifestSha256 of the backup's {@code manifest.json}: the backup is the one taken then
 */
record UpdateRecord(
    Instant updatedAt,
    Path backup,
    String manifestSha256,
    String image,
    String from,
    String to,
    StackLock previous) {
  static final String DIR = "rollback";
  static final String JSON = "last-update.json";
  static final String LOCK = "previous.lock";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Path jsonFile(Path stateDir) {
    return stateDir.resolve(DIR).resolve(JSON);
  }

  void write(Path stateDir) throws IOException {
    Path dir = stateDir.resolve(DIR);
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve(JSON));
    LockFile.write(
        dir.resolve(LOCK),
        previous.toolVersion() == null
            ? previous.writtenBy(dev.ollamastack.model.ToolVersion.get())
            : previous);
    ObjectNode n = MAPPER.createObjectNode();
    n.put("version", 1);
    n.put("updatedAt", updatedAt.toString());
    n.put("backup", backup.toString());
    n.put("manifestSha256", manifestSha256);
    ObjectNode w = n.putObject("webui");
    w.put("image", image);
    w.put("from", from);
    w.put("to", to);
    n.put("previousLock", LOCK);
    dev.ollamastack.config.StatePaths.writeAtomically(
        dir.resolve(JSON),
        MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n",
        null);
  }

  /** Removes the record; whether there was one. */
  static boolean forget(Path stateDir) throws IOException {
    Path dir = stateDir.resolve(DIR);
    boolean had = Files.deleteIfExists(dir.resolve(JSON));
    Files.deleteIfExists(dir.resolve(LOCK));
    return had;
  }

  /** The record, or empty when none is there; exit 3 when it cannot be read. */
  static Optional<UpdateRecord> read(Path stateDir) {
    Path file = jsonFile(stateDir);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = MAPPER.readTree(file.toFile());
      String backup = n.path("backup").asText(null);
      String sha = n.path("manifestSha256").asText(null);
      if (n.path("version").asInt() != 1 || backup == null || sha == null) {
        throw new IOException("not a record of this tool's version");
      }
      Path lockFile = file.resolveSibling(n.path("previousLock").asText(LOCK));
      StackLock previous =
          LockFile.read(lockFile).orElseThrow(() -> new IOException(lockFile + " is missing"));
      JsonNode w = n.path("webui");
      return Optional.of(
          new UpdateRecord(
              Instant.parse(n.path("updatedAt").asText()),
              Path.of(backup),
              sha,
              w.path("image").asText(null),
              w.path("from").asText(null),
              w.path("to").asText(null),
              previous));
    } catch (IOException | UncheckedIOException | java.time.DateTimeException e) {
      throw ToolException.invalidInput(
          "the record of the last update (" + file + ") is damaged: " + e.getMessage(),
          "nothing was changed; restore a backup with 'ollama-stack restore PATH' instead");
    }
  }
}
