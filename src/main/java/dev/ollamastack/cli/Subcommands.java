package dev.ollamastack.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every subcommand of {@code ollama-stack}, registered on the root when the command line is built.
 * A run builds the picocli model of the one subcommand it invokes only (models are built by
 * reflection, and building all of them cost more than the rest of a no-op {@code plan}); help, no
 * arguments or an unknown name get them all, for the usage text and "did you mean".
 */
final class Subcommands {
  static final List<Class<?>> ALL =
      List.of(
          CommandLine.HelpCommand.class,
          CdsTrainingCommand.class,
          InitCommand.class,
          ValidateCommand.class,
          RenderCommand.class,
          ConfigCommand.class,
          PlanCommand.class,
          ApplyCommand.class,
          ReconcileCommand.class,
          DiffCommand.class,
          StartCommand.class,
          StopCommand.class,
          RestartCommand.class,
          UpdateCommand.class,
          CleanupCommand.class,
          UninstallCommand.class,
          StatusCommand.class,
          LogsCommand.class,
          CheckCommand.class,
          VersionCommand.class,
          CompletionCommand.class,
          ExtensionsCommand.class,
          SecretsCommand.class,
          BackupCommand.class,
          RestoreCommand.class,
          RollbackCommand.class,
          MigrateCommand.class);

  /** Options of the root that take a value: skipped when looking for the subcommand's name. */
  private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("-f", "--file", "--target");

  /**
   * The commands that connect to Docker as soon as their stack file is loaded, so {@code Main}
   * starts their connection before anything else ({@code app/EarlyEngine}); the others build no
   * Docker client at all.
   */
  private static final Set<String> CONNECT_AT_ONCE =
      Set.of("plan", "apply", "diff", "status", "start", "stop", "restart", "logs", "check");

  private Subcommands() {}

  /** Registers every subcommand. */
  static void addAll(CommandLine root) {
    ALL.forEach(c -> root.addSubcommand(instance(c)));
  }

  /** Registers the subcommand {@code args} invokes, or all when it names none of them. */
  static void addFor(CommandLine root, String[] args) {
    String name = invoked(args);
    if (name == null && (List.of(args).contains("--version") || List.of(args).contains("-V"))) {
      return; // the version needs no subcommand at all
    }
    for (Class<?> c : ALL) {
      if (name != null && names(c).contains(name) && c != CommandLine.HelpCommand.class) {
        root.addSubcommand(instance(c));
        return;
      }
    }
    addAll(root);
  }

  /** Whether {@code args} run a command that connects to Docker at once (not its help). */
  static boolean connectsAtOnce(String[] args) {
    String name = invoked(args);
    if (name == null || !CONNECT_AT_ONCE.contains(name)) {
      return false;
    }
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (a.equals("-h") || a.equals("--help")) {
        return false;
      }
    }
    return true;
  }

  /** The first argument that is not a root option or its value; null when there is none. */
  static String invoked(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (ROOT_OPTIONS_WITH_VALUE.contains(a)) {
        i++;
      } else if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  private static Set<String> names(Class<?> c) {
    Command command = c.getAnnotation(Command.class);
    java.util.Set<String> names = new java.util.HashSet<>(List.of(command.aliases()));
    names.add(command.name());
    return names;
  }

  private static Object instance(Class<?> c) {
    try {
      var constructor = c.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + c.getName(), e);
    }
  }
}
