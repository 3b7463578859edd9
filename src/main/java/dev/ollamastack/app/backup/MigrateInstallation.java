package dev.ollamastack.app.backup;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.ApplyListener;
import dev.ollamastack.app.ApplyStack;
import dev.ollamastack.app.Confirmation;
import dev.ollamastack.app.InstallationLock;
import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.backup.OlderEnvFile;
import dev.ollamastack.backup.OlderStackFile;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.SecretStore;
import dev.ollamastack.config.StackLoader;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.engine.ContainerDetails;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.plan.Overrides;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The migrate intent: adopt an installation of the older Python {@code ollama-stack}. It writes an
 * equivalent {@code ollama-stack.yaml}, keeps Open WebUI's {@code WEBUI_SECRET_KEY} (the
 * placeholder {@code your-secret-key-here} counts as unset), adopts the volumes with their data
 * (same names), stops the older containers before anything of ours mounts their volumes, removes
 * them and applies. A stack file already in the current format has nothing to migrate.
 */
public final class MigrateInstallation {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  /**
   * @param from the older CLI's config directory ({@code --from}), or {@code null}: {@code
   *     $OLLAMA_STACK_CONFIG_DIR}, else {@code ~/.ollama-stack}
   * @param project which older installation ({@code --project}), or {@code null}: its {@code .env}
   * @param force replace a different stack file already at the target (kept beside it)
   */
  public record Request(
      Path from,
      Path file,
      String project,
      boolean confirm,
      boolean force,
      boolean dryRun,
      Duration lockTimeout,
      Duration readyTimeout) {}

  /** How it ended. */
  public sealed interface Result {
    /** No older installation: the stack file (if any) is already in the current format. */
    record NothingToMigrate(String why) implements Result {}

    record DryRun(MigratePlan plan) implements Result {}

    record Migrated(MigratePlan plan, ApplyStack.Result apply) implements Result {}
  }

  private final AppContext ctx;
  private final PlatformResolver platforms;

  public MigrateInstallation(AppContext ctx, PlatformResolver platforms) {
    this.ctx = ctx;
    this.platforms = platforms;
  }

  public Result run(
      Request req, Confirmation confirmation, DataListener listener, ApplyListener apply) {
    Path dir = configDir(req.from());
    OlderEnvFile env = OlderEnvFile.parse(read(dir.resolve(".env")).orElse(""));
    String config = read(dir.resolve(".ollama-stack.json")).orElse(null);
    StackLoader loader = new StackLoader(ctx.env(), ctx.cwd());
    try (DockerEngine engine = ctx.engines().connect()) {
      engine.info();
      Optional<OlderFinder.Found> found = OlderFinder.find(engine, req.project(), env, config);
      if (found.isEmpty()
          || (found.get().containers().isEmpty() && !Files.isRegularFile(dir.resolve(".env")))) {
        return new Result.NothingToMigrate(nothing(loader, req.file()));
      }
      OlderFinder.Found old = found.get();
      if (old.containers().isEmpty()
          && alreadyOurs(loader, req.file(), old.project())
          && keyKept(old)) {
        return new Result.NothingToMigrate(
            "no container of the older ollama-stack (Python CLI) is left, and "
                + loader.target(req.file())
                + " already manages "
                + old.project()
                + ": nothing to migrate (its config directory "
                + dir
                + " is no longer read)");
      }
      if (!NAME.matcher(old.project()).matches()) {
        throw ToolException.invalidInput(
            "the older installation's PROJECT_NAME '"
                + old.project()
                + "' is not a name this tool can use",
            "installation names are lower-case letters, digits, '.', '_' and '-'");
      }
      MigratePlan plan = plan(old, loader, req, dir);
      listener.planned(plan);
      if (req.dryRun()) {
        return new Result.DryRun(plan);
      }
      if (req.confirm()) {
        confirm(confirmation);
      }
      Path lockFile = new StatePaths(ctx.stateHome()).lockFile(old.project());
      try (InstallationLock lock = InstallationLock.acquire(lockFile, req.lockTimeout())) {
        writeSecrets(old, listener);
        writeStackFile(plan);
        replaceContainers(engine, old.containers(), listener);
        listener.step("applying " + plan.stackFile().getFileName());
        ApplyStack.Result applied =
            new ApplyStack(ctx, platforms)
                .run(
                    new ApplyStack.Request(
                        plan.stackFile(),
                        null,
                        Overrides.NONE,
                        req.lockTimeout(),
                        req.readyTimeout(),
                        false,
                        false,
                        null),
                    Confirmation.ALWAYS,
                    apply);
        return new Result.Migrated(plan, applied);
      }
    } catch (IOException e) {
      throw ToolException.failed(
          "migrate failed: " + e.getMessage(),
          "nothing of the older installation was removed; fix the cause and run it again");
    }
  }

  private MigratePlan plan(OlderFinder.Found old, StackLoader loader, Request req, Path dir)
      throws IOException {
    Path target = loader.target(req.file());
    String text = OlderStackFile.render(old.facts());
    LoadedStack parsed =
        loader.loadBytes(
            text.getBytes(StandardCharsets.UTF_8), target.getFileName().toString(), target);
    boolean write = true;
    Path saved = null;
    if (Files.exists(target)) {
      String now = Files.readString(target);
      if (now.equals(text)) {
        write = false;
      } else if (!req.force()) {
        throw ToolException.refused(
            target + " exists and is not the file migrate writes",
            "move it away, pass -f OTHER.yaml to write the new file elsewhere, or --force to replace it (it is kept beside)");
      } else {
        saved = target.resolveSibling(target.getFileName() + ".before-migrate");
      }
    }
    List<String> warnings = new ArrayList<>();
    List<String> volumes = volumes(old, parsed.spec(), warnings);
    if (old.secretKey() == null) {
      warnings.add(
          "WEBUI_SECRET_KEY is unset or the older CLI's placeholder: a new key is generated, so Open"
              + " WebUI users sign in again");
    }
    warnings.add(
        "mcpo's API key was the fixed 'mcp-proxy-key'; a new one is generated (update a tool server"
            + " you configured by hand in Open WebUI)");
    return new MigratePlan(
        old.project(),
        Files.isDirectory(dir) ? dir : null,
        old.containers().stream().map(ContainerDetails::name).sorted().toList(),
        volumes,
        target,
        text,
        write,
        saved,
        old.secretKey() != null,
        warnings);
  }

  /** The volumes the older containers mount must be the ones the new stack file names. */
  private static List<String> volumes(
      OlderFinder.Found old, StackSpec spec, List<String> warnings) {
    List<String> out = new ArrayList<>();
    for (ContainerDetails c : old.containers()) {
      for (String[] m :
          new String[][] {
            {"/root/.ollama", "_ollama_data"}, {"/app/backend/data", "_webui_data"}
          }) {
        c.volumeAt(m[0])
            .ifPresent(
                v -> {
                  String ours = spec.name() + m[1];
                  if (!v.equals(ours)) {
                    throw ToolException.invalidInput(
                        "container "
                            + c.name()
                            + " keeps its data in volume "
                            + v
                            + ", not "
                            + ours
                            + " (set through OLLAMA_VOLUME_NAME or WEBUI_VOLUME_NAME in the older .env)",
                        "this tool uses <name>"
                            + m[1]
                            + ": copy the data over first (e.g. with a backup of the"
                            + " older CLI and 'ollama-stack restore'), then migrate");
                  }
                  out.add(v);
                });
      }
    }
    return out;
  }

  private void writeSecrets(OlderFinder.Found old, DataListener listener) throws IOException {
    StatePaths paths = new StatePaths(ctx.stateHome());
    Path file = paths.secretsFile(old.project());
    if (old.secretKey() != null) {
      String current =
          Files.isRegularFile(file) ? SecretsText.webuiKey(Files.readAllBytes(file)) : null;
      if (current != null && !current.equals(old.secretKey())) {
        throw ToolException.refused(
            "an installation of this tool named "
                + old.project()
                + " already has another WEBUI_SECRET_KEY",
            "migrate would replace it; move " + file + " away if that installation is gone");
      }
      listener.step("keeping WEBUI_SECRET_KEY in " + file);
      BackupFiles.writeBytes(file, SecretsText.withWebuiKey(file, old.secretKey()), true);
    }
    new SecretStore(ctx.stateHome()).loadOrCreate(old.project());
  }

  private static void writeStackFile(MigratePlan plan) throws IOException {
    if (!plan.writesStackFile()) {
      return;
    }
    if (plan.savedAs() != null) {
      Files.copy(
          plan.stackFile(), plan.savedAs(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Files.createDirectories(plan.stackFile().toAbsolutePath().getParent());
    BackupFiles.writeBytes(
        plan.stackFile(), plan.stackFileText().getBytes(StandardCharsets.UTF_8), false);
  }

  /** All stopped first (nothing may still write a volume), then removed. */
  private static void replaceContainers(
      DockerEngine engine, List<ContainerDetails> old, DataListener listener) {
    for (ContainerDetails c : old) {
      if (c.running()) {
        listener.step("stopping the older " + c.name());
        engine.stopContainer(c.id(), STOP_TIMEOUT);
      }
    }
    for (ContainerDetails c : old) {
      listener.step("removing the older " + c.name() + " (its volumes stay)");
      engine.removeContainer(c.id());
    }
  }

  /** Whether our secrets file holds the older key already (a migration ran), or there is none. */
  private boolean keyKept(OlderFinder.Found old) throws IOException {
    if (old.secretKey() == null) {
      return true;
    }
    Path file = new StatePaths(ctx.stateHome()).secretsFile(old.project());
    return Files.isRegularFile(file)
        && old.secretKey().equals(SecretsText.webuiKey(Files.readAllBytes(file)));
  }

  /** Whether the stack file at the target is this tool's, for the same installation. */
  private static boolean alreadyOurs(StackLoader loader, Path file, String project) {
    Path target = loader.target(file);
    if (!Files.isRegularFile(target)) {
      return false;
    }
    try {
      return loader.load(file).spec().name().equals(project);
    } catch (ToolException e) {
      return false;
    }
  }

  private String nothing(StackLoader loader, Path file) {
    Path target = loader.target(file);
    if (Files.isRegularFile(target)) {
      return "no installation of the older ollama-stack (Python CLI) was found, and "
          + target
          + " is already "
          + StackSpec.API_VERSION
          + " (the only version): nothing to migrate";
    }
    return "no installation of the older ollama-stack (Python CLI) was found: nothing to migrate";
  }

  private Path configDir(Path from) {
    if (from != null) {
      return ctx.cwd().resolve(from);
    }
    String dir = ctx.env().get("OLLAMA_STACK_CONFIG_DIR");
    if (dir != null && !dir.isBlank()) {
      return ctx.cwd().resolve(dir);
    }
    String home = ctx.env().getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".ollama-stack");
  }

  private static void confirm(Confirmation confirmation) {
    switch (confirmation.ask("Migrate this installation?")) {
      case YES -> {}
      case NO -> throw ToolException.refused("migrate cancelled: nothing was changed", null);
      case UNAVAILABLE ->
          throw ToolException.refused(
              "confirmation needed but stdin is not a terminal",
              "review the plan above, then run again with --yes");
    }
  }

  private static Optional<String> read(Path p) {
    try {
      return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
