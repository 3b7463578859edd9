package dev.ollamastack.config;

import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.ToolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secrets the stack needs, in {@code $OLLAMA_STACK_HOME/<name>/secrets.env} (mode 0600).
 * Generated once and never changed implicitly: a new {@code WEBUI_SECRET_KEY} logs every Open WebUI
 * user out, so only {@link #rotate} replaces one.
 */
public final class SecretStore {
  public static final String WEBUI_SECRET_KEY = "WEBUI_SECRET_KEY";
  public static final String MCPO_API_KEY = "MCPO_API_KEY";

  private static final List<String> REQUIRED = List.of(WEBUI_SECRET_KEY, MCPO_API_KEY);
  private static final Pattern LINE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");
  private static final int KEY_BYTES = 32; // 256 bits

  private final Path stateHome;
  private final StatePaths paths;
  private final SecureRandom random = new SecureRandom();
  private final List<String> notes = new java.util.ArrayList<>();

  public SecretStore(Path stateHome) {
    this.stateHome = stateHome;
    this.paths = new StatePaths(stateHome);
  }

  /** Where the installation's secrets live (the file may not exist yet). */
  public Path file(String installation) {
    return stateHome.resolve(installation).resolve("secrets.env");
  }

  /** The secrets, or empty when the file is missing or lacks one of them. */
  public Optional<Secrets> load(String installation) {
    Map<String, String> values = read(installation);
    if (!values.keySet().containsAll(REQUIRED)) {
      return Optional.empty();
    }
    return Optional.of(toSecrets(values));
  }

  /** The secrets, generating only those missing; an existing secret is never changed. */
  public Secrets loadOrCreate(String installation) {
    return loadOrCreate(installation, Map.of());
  }

  /**
   * Like {@link #loadOrCreate(String)}, but a missing secret is first taken from {@code inUse} (the
   * values the running containers were created with), so a lost secrets file does not log every
   * user out on the next apply.
   */
  public Secrets loadOrCreate(String installation, Map<String, String> inUse) {
    Map<String, String> values = read(installation);
    boolean changed = false;
    for (String key : REQUIRED) {
      if (!values.containsKey(key)) {
        String known = inUse.get(key);
        values.put(key, known != null && !known.isBlank() ? known : newKey());
        changed = true;
      }
    }
    if (changed) {
      write(installation, values);
    }
    return toSecrets(values);
  }

  /** New values for every secret; other lines of the file are kept. Logs every user out. */
  public Secrets rotate(String installation) {
    Map<String, String> values = read(installation);
    REQUIRED.forEach(key -> values.put(key, newKey()));
    write(installation, values);
    return toSecrets(values);
  }

  /** What reading the file fixed, for the user to know ({@code secrets.env was 0644: now 0600}). */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  private Map<String, String> read(String installation) {
    Path file = file(installation);
    Map<String, String> values = new LinkedHashMap<>();
    List<String> lines;
    try {
      narrowPermissions(file);
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return values;
    } catch (IOException e) {
      throw ToolException.environment(
          "secrets file " + file + " cannot be read (" + StatePaths.reason(e) + ")",
          "make it readable by you only: chmod 600 " + file);
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      var m = LINE.matcher(line);
      if (!m.matches()) {
        // Never echo the line: it may hold a secret.
        throw corrupt(file, "line " + (i + 1) + " is not KEY=value");
      }
      if (!m.group(2).isEmpty()) {
        values.put(m.group(1), m.group(2));
      }
    }
    return values;
  }

  /**
   * A secrets file others can read is narrowed to 0600 before it is read (and said so); one that
   * cannot be narrowed (another owner) is refused: its keys may already have leaked.
   */
  private void narrowPermissions(Path file) throws IOException {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
    if (StatePaths.PRIVATE_FILE.containsAll(mode)) {
      return;
    }
    String was = PosixFilePermissions.toString(mode);
    try {
      Files.setPosixFilePermissions(file, StatePaths.PRIVATE_FILE);
    } catch (IOException e) {
      throw ToolException.refused(
          "secrets file "
              + file
              + " is readable by others ("
              + was
              + ") and cannot be narrowed ("
              + StatePaths.reason(e)
              + ")",
          "run 'chmod 600 "
              + file
              + "' as its owner; if others could read it, rotate the"
              + " secrets with 'ollama-stack init --rotate-secrets' (logs every user out)");
    }
    notes.add(
        "secrets file "
            + file
            + " was readable by others ("
            + was
            + "): narrowed to rw-------; if others could read it, consider"
            + " 'ollama-stack init --rotate-secrets'");
  }

  private void write(String installation, Map<String, String> values) {
    paths.ensureDir(installation);
    StringBuilder text =
        new StringBuilder()
            .append("# Secrets of the ollama-stack installation '")
            .append(installation)
            .append("', generated by ollama-stack. Keep this file private.\n")
            .append("# Changing WEBUI_SECRET_KEY logs every Open WebUI user out.\n");
    values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    StatePaths.writeAtomically(file(installation), text.toString(), StatePaths.PRIVATE_FILE);
  }

  private String newKey() {
    byte[] bytes = new byte[KEY_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Secrets toSecrets(Map<String, String> values) {
    Map<String, String> others = new LinkedHashMap<>(values);
    REQUIRED.forEach(others::remove);
    return new Secrets(values.get(WEBUI_SECRET_KEY), values.get(MCPO_API_KEY), others);
  }

  /**
   * Sets one secret the user provides (an extension's token, an Open WebUI admin API key); the
   * other lines are kept. The generated keys are changed only by {@link #rotate}.
   */
  public void set(String installation, String key, String value) {
    if (!key.matches("[A-Z_][A-Z0-9_]*")) {
      throw ToolException.invalidInput(
          "secret name \"" + key + "\" is not an upper-case variable name",
          "use letters A-Z, digits and '_', e.g. GITHUB_TOKEN");
    }
    if (REQUIRED.contains(key)) {
      throw ToolException.invalidInput(
          key + " is generated by ollama-stack and cannot be set",
          "'ollama-stack init --rotate-secrets' makes new ones (logs every Open WebUI user out)");
    }
    if (value.isEmpty() || value.contains("\n") || value.contains("\r")) {
      throw ToolException.invalidInput(
          "the value of " + key + " is empty or spans several lines",
          "pass the value on standard input, on one line");
    }
    Map<String, String> values = read(installation);
    values.put(key, value);
    write(installation, values);
  }

  /** Removes one secret the user set; false when it was not there. */
  public boolean unset(String installation, String key) {
    Map<String, String> values = read(installation);
    if (REQUIRED.contains(key) || values.remove(key) == null) {
      return false;
    }
    write(installation, values);
    return true;
  }

  /** The secrets the user set (not the generated keys), by name. */
  public Map<String, String> others(String installation) {
    return toSecrets(read(installation)).others();
  }

  /** The names of the secrets in the file (never their values). */
  public java.util.Set<String> names(String installation) {
    return new java.util.TreeSet<>(read(installation).keySet());
  }

  private static ToolException corrupt(Path file, String what) {
    return ToolException.invalidInput(
        "secrets file " + file + " " + what,
        "fix the file; deleting it makes new secrets, which logs every Open WebUI user out");
  }
}
