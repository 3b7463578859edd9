package dev.ollamastack.plan.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.RestartPolicy;
import dev.ollamastack.testsupport.Stacks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every field that reaches Docker is in the hash; defaults keep the form of version 1. */
class ConfigHashTest {
  private static ContainerSpec webui() {
    return Stacks.render(Stacks.cpu()).containers().get(1);
  }

  private static String hash(ContainerSpec c) {
    return ConfigHash.sha256(ConfigHash.canonicalJson(c, List.of()));
  }

  @Test
  void restartPolicyAndInitAreInTheHashWhenNotTheDefault() {
    ContainerSpec c = webui();
    assertThat(c.restartPolicy()).isEqualTo(RestartPolicy.UNLESS_STOPPED);
    assertThat(c.init()).isTrue();
    assertThat(hash(c.toBuilder().restartPolicy(RestartPolicy.ALWAYS).build()))
        .isNotEqualTo(hash(c));
    assertThat(hash(c.toBuilder().init(false).build())).isNotEqualTo(hash(c));
    assertThat(ConfigHash.canonicalJson(c, List.of()))
        .doesNotContain("restartPolicy")
        .doesNotContain("\"init\"");
  }

  @Test
  void aliasesAreInTheSpecAndTheHash() {
    ContainerSpec c = webui();
    assertThat(c.networkAliases()).containsExactly("webui");
    assertThat(hash(c.toBuilder().network(c.network(), List.of("webui", "ui")).build()))
        .isNotEqualTo(hash(c));
  }

  @Test
  void secretsAreHashedNeverWritten() {
    assertThat(ConfigHash.canonicalJson(webui(), List.of()))
        .doesNotContain(Stacks.SECRETS.webuiSecretKey())
        .contains("\"WEBUI_SECRET_KEY\":\"" + ConfigHash.SENSITIVE_PREFIX);
  }
}
