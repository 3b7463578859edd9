package dev.ollamastack.app;

import dev.ollamastack.config.SecretStore;
import dev.ollamastack.config.StackLoader;
import dev.ollamastack.config.StarterFile;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.model.ToolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Intent {@code init}: write a commented starter stack file and make sure the installation's
 * secrets exist. Never overwrites a file without {@code force}; never changes an existing secret
 * unless {@code rotateSecrets}.
 */
public final class InitStack {
  /**
   * What to initialise.
   *
   * @param file the {@code -f} value, or {@code null} for {@code $OLLAMA_STACK_FILE} or {@code
   *     ./ollama-stack.yaml}
   * @param platform the platform to write, or {@code null} to detect it
   * @param name installation name, or {@code null} for the default
   */
  public record Request(
      Path file, Platform platform, String name, boolean force, boolean rotateSecrets) {}

  /** What happened to the secrets. */
  public enum SecretsOutcome {
    CREATED,
    KEPT,
    ROTATED
  }

  /** What was written. */
  public record Result(
      Path file,
      String displayName,
      Platform platform,
      boolean detected,
      Path secretsFile,
      SecretsOutcome secrets) {}

  private static final String NAME_PATTERN = "[a-z0-9][a-z0-9_.-]{0,62}";

  private final AppContext context;

  /** Without {@code --platform}, the starter file is for the platform detected on the host. */
  public InitStack(AppContext context) {
    this.context = context;
  }

  public Result run(Request request) {
    String name = request.name() == null ? StackSpec.DEFAULT_NAME : request.name();
    if (!name.matches(NAME_PATTERN)) {
      throw ToolException.invalidInput(
          "invalid installation name \"" + name + "\"",
          "use at most 63 lowercase letters, digits, '_', '.' or '-', starting with a letter or digit");
    }
    String display = displayName(request.file());
    Path target = context.cwd().resolve(display);
    if (Files.exists(target) && !request.force()) {
      throw ToolException.refused(
          display + " already exists",
          "use --force to overwrite it (existing secrets are kept unless --rotate-secrets)");
    }
    boolean detected = request.platform() == null;
    Platform platform = detected ? detect() : request.platform();
    SecretsOutcome secrets = ensureSecrets(name, request.rotateSecrets());
    writeStackFile(target, StarterFile.render(platform, name, schemaRef(target)));
    return new Result(
        target,
        display,
        platform,
        detected,
        new SecretStore(context.stateHome()).file(name),
        secrets);
  }

  /** Without Docker's list of runtimes: init must work before Docker is set up. */
  private Platform detect() {
    return new PlatformDetector(context.host()).detect(List.of()).platform();
  }

  private String displayName(Path file) {
    if (file != null) {
      return file.toString();
    }
    String variable = context.env().get(StackLoader.FILE_VARIABLE);
    return variable != null && !variable.isBlank() ? variable : StackLoader.DEFAULT_FILE;
  }

  private SecretsOutcome ensureSecrets(String name, boolean rotate) {
    SecretStore store = new SecretStore(context.stateHome());
    if (rotate) {
      store.rotate(name);
      return SecretsOutcome.ROTATED;
    }
    boolean existed = Files.exists(store.file(name));
    store.loadOrCreate(name);
    return existed ? SecretsOutcome.KEPT : SecretsOutcome.CREATED;
  }

  /** A local schema copy beside the file works offline and matches the checkout's version. */
  private static String schemaRef(Path target) {
    Path local = target.toAbsolutePath().getParent().resolve(StarterFile.LOCAL_SCHEMA);
    return Files.isRegularFile(local) ? StarterFile.LOCAL_SCHEMA : StarterFile.SCHEMA_URL;
  }

  private static void writeStackFile(Path target, String content) {
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of " + target, e);
    }
    // The stack file is meant to be committed and shared: readable by all, unlike the state.
    StatePaths.writeAtomically(target, content, PosixFilePermissions.fromString("rw-r--r--"));
  }
}
