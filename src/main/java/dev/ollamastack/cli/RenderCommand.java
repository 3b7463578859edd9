package dev.ollamastack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.ollamastack.app.RenderStack;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.plan.export.Exported;
import dev.ollamastack.plan.export.RenderFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ollama-stack render}: the desired state as a Compose, Swarm or Kubernetes file. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Print the desired state apply converges to as a Compose file, a docker stack deploy file"
          + " or Kubernetes manifests: the same containers, images pinned to ollama-stack.lock,"
          + " volumes, network and labels. Secrets are referenced, not printed, unless"
          + " --include-secrets. Never contacts Docker; generates the stack's secrets on first use"
          + " and, for compose and swarm, writes mcpo's config where apply writes it."
    })
final class RenderCommand extends CommandSupport implements Callable<Integer> {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "compose",
      description = "compose (default), swarm or kubernetes.")
  RenderFormat format = RenderFormat.COMPOSE;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of stdout (mode 0600 with --include-secrets).")
  Path output;

  @Option(
      names = "--include-secrets",
      description =
          "Put the secret values into the output (compose and swarm: the environment;"
              + " kubernetes: the Secret) instead of references or placeholders.")
  boolean includeSecrets;

  @Mixin PlanOptions planOptions;

  @Override
  public Integer call() throws Exception {
    RenderStack.Rendered r =
        new RenderStack(context())
            .run(globals().file(), planOptions.platform, format, includeSecrets);
    PrintWriter err = err();
    r.loaded().warnings().forEach(w -> err.println("warning: " + w.format()));
    err.flush();
    String text = yaml(r.exported());
    if (output == null) {
      out().print(text);
      out().flush();
    } else {
      Path target = context().cwd().resolve(output);
      StatePaths.writeAtomically(
          target,
          text,
          includeSecrets ? StatePaths.PRIVATE_FILE : PosixFilePermissions.fromString("rw-r--r--"));
      err.println("wrote " + target);
      err.flush();
    }
    return 0;
  }

  /** The comments, then each document; several documents are separated by {@code ---}. */
  static String yaml(Exported exported) throws Exception {
    ObjectMapper mapper = mapper();
    StringBuilder sb = new StringBuilder();
    exported.comments().forEach(c -> sb.append("# ").append(c).append('\n'));
    boolean several = exported.documents().size() > 1;
    for (ObjectNode doc : exported.documents()) {
      if (several) {
        sb.append("---\n");
      }
      sb.append(mapper.writeValueAsString(doc));
    }
    return sb.toString();
  }

  private static ObjectMapper mapper() {
    YAMLFactory yaml =
        YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();
    return new ObjectMapper(yaml);
  }
}
