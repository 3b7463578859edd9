package dev.ollamastack.cli;

import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.SecretStore;
import dev.ollamastack.config.StackLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ollama-stack secrets}: the secrets the user provides (extension tokens, an Open WebUI
 * admin API key), kept in the installation's secrets file, never in the stack file, never printed.
 */
@Command(
    name = "secrets",
    mixinStandardHelpOptions = true,
    description = "Secrets kept in ~/.ollama-stack/<name>/secrets.env (never printed).",
    subcommands = {SecretsCommand.Set.class, SecretsCommand.Unset.class, SecretsCommand.List.class})
final class SecretsCommand implements Runnable {
  @Mixin(name = "global")
  GlobalOptions global;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String installation(CommandSupport c) {
    LoadedStack loaded =
        new StackLoader(c.context().env(), c.context().cwd()).load(c.globals().file());
    return loaded.spec().name();
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = {
        "Set secret NAME to the first line of standard input (so it stays out of shell history",
        "and process lists), e.g.: printf %%s \"$TOKEN\" | ollama-stack secrets set GITHUB_TOKEN"
      })
  static final class Set extends CommandSupport implements Callable<Integer> {
    @Parameters(paramLabel = "NAME")
    String name;

    /** Where the value is read from; tests hand in their own. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
      String value;
      try {
        BufferedReader in =
            new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        value = in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String inst = installation(this);
      SecretStore store = new SecretStore(context().stateHome());
      store.set(inst, name, value == null ? "" : value.strip());
      out().println("Set " + name + " (sensitive) in " + store.file(inst));
      return 0;
    }
  }

  @Command(name = "unset", mixinStandardHelpOptions = true, description = "Remove secret NAME.")
  static final class Unset extends CommandSupport implements Callable<Integer> {
    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      String inst = installation(this);
      boolean removed = new SecretStore(context().stateHome()).unset(inst, name);
      out().println(removed ? "Removed " + name : name + " was not set");
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Secret names, never values.")
  static final class List extends CommandSupport implements Callable<Integer> {
    @Override
    public Integer call() {
      new SecretStore(context().stateHome())
          .names(installation(this))
          .forEach(n -> out().println(n + "=(sensitive)"));
      return 0;
    }
  }
}
