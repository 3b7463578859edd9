package dev.ollamastack.cli;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.app.InitStack;
import dev.ollamastack.model.Platform;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ollama-stack init} (alias {@code install}): a starter stack file plus secrets. */
@Command(
    name = "init",
    aliases = "install",
    mixinStandardHelpOptions = true,
    description = {
      "Write a commented starter ollama-stack.yaml for this machine's platform and generate the"
          + " installation's secrets (kept outside the file). Existing secrets are never changed"
          + " unless --rotate-secrets."
    })
final class InitCommand extends CommandSupport implements Callable<Integer> {
  /** The platforms a starter file can be written for. */
  enum InitPlatform {
    cpu,
    nvidia,
    amd,
    apple
  }

  @Option(
      names = "--platform",
      paramLabel = "PLATFORM",
      description = "cpu, nvidia, amd or apple (default: detected).")
  InitPlatform platform;

  @Option(
      names = "--name",
      paramLabel = CompletionCandidates.INSTALLATION_LABEL,
      description = "Installation name (default: ollama-stack).")
  String name;

  @Option(names = "--force", description = "Overwrite an existing stack file (secrets are kept).")
  boolean force;

  @Option(
      names = "--rotate-secrets",
      description = "Generate new secrets: every Open WebUI user is logged out.")
  boolean rotateSecrets;

  @Override
  public Integer call() {
    AppContext context = context();
    PrintWriter err = spec.commandLine().getErr();
    if (rotateSecrets) {
      err.println(
          "warning: rotating secrets: every Open WebUI user will be logged out, and mcpo"
              + " clients need the new MCPO_API_KEY");
      err.flush();
    }
    InitStack.Result result =
        new InitStack(context)
            .run(
                new InitStack.Request(
                    GlobalOptions.resolve(spec).file(),
                    platform == null ? null : Platform.fromYaml(platform.name()),
                    name,
                    force,
                    rotateSecrets));
    print(result, spec.commandLine().getOut());
    return 0;
  }

  private static void print(InitStack.Result r, PrintWriter out) {
    out.printf(
        "wrote %s (platform %s%s)%n",
        r.displayName(), r.platform().yamlName(), r.detected() ? ", detected" : "");
    String secrets =
        switch (r.secrets()) {
          case CREATED -> "created";
          case KEPT -> "kept (existing)";
          case ROTATED -> "rotated";
        };
    out.printf("secrets: %s %s%n", secrets, r.secretsFile());
    out.println("next: 'ollama-stack validate', then 'ollama-stack apply'");
    out.flush();
  }
}
