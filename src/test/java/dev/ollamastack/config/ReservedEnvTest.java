package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.plan.render.StackRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The env keys the tool sets itself, or whose image value the stack relies on, are refused in the
 * stack file (the corpus under {@code invalid/env-*} holds the exact messages); every other key
 * passes.
 */
class ReservedEnvTest {
  private static final String HEADER = "apiVersion: ollama-stack/v1\nkind: Stack\n";

  @TempDir Path dir;

  private LoadedStack load(String yaml, Map<String, String> env) throws IOException {
    Files.writeString(dir.resolve("ollama-stack.yaml"), yaml);
    return new StackLoader(env, dir).load(null);
  }

  private InvalidStackException refusal(String service, String key) {
    String yaml =
        HEADER + "spec:\n  services:\n    " + service + ":\n      env:\n        " + key + ": x\n";
    return catchThrowableOfType(InvalidStackException.class, () -> load(yaml, Map.of()));
  }

  /** Otherwise the renderer overwrites the user's value without a word. */
  @Test
  void everyVariableTheRendererSetsIsRefusedInTheStackFile() throws IOException {
    StackSpec spec =
        load(HEADER + "spec:\n  platform: cpu\n  extensions:\n    enabled: [time]\n", Map.of())
            .spec();
    var desired = new StackRenderer("test").render(spec, new Secrets("k", "m"), 4, "/state/x");
    Set<String> checked = new HashSet<>();

    assertThat(desired.containers()).hasSize(3);
    for (ContainerSpec c : desired.containers()) {
      String service =
          switch (c.component()) {
            case OLLAMA -> "ollama";
            case WEBUI -> "webui";
            case MCP_PROXY -> "mcpProxy";
            case EXTENSION -> throw new AssertionError("no extension containers expected");
          };
      Map<String, String> declared =
          switch (c.component()) {
            case OLLAMA -> spec.ollama().env();
            case WEBUI -> spec.webui().env();
            default -> spec.mcpProxy().env();
          };
      for (String key : c.env().keySet()) {
        if (!declared.containsKey(key)) {
          InvalidStackException e = refusal(service, key);
          assertThat(e).as("%s.env.%s must be refused", service, key).isNotNull();
          assertThat(e.problems())
              .extracting(Problem::path)
              .containsExactly("spec.services." + service + ".env." + key);
          checked.add(key);
        }
      }
    }
    assertThat(checked).contains("OLLAMA_BASE_URL", "WEBUI_SECRET_KEY", "MCPO_API_KEY");
  }

  @Test
  void namesMatchExactlyAsOnLinux() throws IOException {
    String yaml =
        HEADER
            + "spec:\n  services:\n"
            + "    ollama:\n      env: {ollama_host: x, OLLAMA_HOST_EXTRA: x, Ollama_Models: x}\n"
            + "    webui:\n      env: {port: x, Host: x, DATA_DIRS: x, webui_secret_key: x}\n";

    LoadedStack loaded = load(yaml, Map.of());

    assertThat(loaded.spec().webui().env()).containsKeys("port", "Host");
    assertThat(loaded.spec().ollama().env()).containsKey("ollama_host");
  }

  @Test
  void theSecretsFileNamedIsTheOneInUse() throws IOException {
    String yaml =
        HEADER
            + "metadata:\n  name: lab\n"
            + "spec:\n  services:\n    webui:\n      env:\n        WEBUI_SECRET_KEY: x\n";

    InvalidStackException e =
        catchThrowableOfType(
            InvalidStackException.class,
            () -> load(yaml, Map.of("OLLAMA_STACK_HOME", "/srv/ollama-stack")));

    assertThat(e.problems().get(0).message())
        .contains("keeps it in /srv/ollama-stack/lab/secrets.env;");
    assertThat(e.exitCode().code()).isEqualTo(3);
  }
}
