package dev.ollamastack.app;

import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.model.ExtensionManifest;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.plan.render.StackServices;
import java.util.ArrayList;
import java.util.List;

/**
 * What the enabled extensions need that the stack file cannot hold: a platform the Docker engine
 * runs, and secrets in the secrets file. Checked before anything is rendered or changed.
 */
final class ExtensionRequirements {
  private ExtensionRequirements() {}

  /**
   * @param secrets the installation's secrets, or {@code null} before they exist
   * @throws ToolException exit 3, naming the extension and what to do
   */
  static void check(StackSpec spec, EngineInfo engine, Secrets secrets, String secretsFile) {
    for (ExtensionManifest m : StackServices.servedExtensions(spec)) {
      String platform = engine.platform();
      if (!m.platforms().isEmpty() && platform != null && !m.platforms().contains(platform)) {
        throw ToolException.invalidInput(
            "extension "
                + m.name()
                + " runs on "
                + String.join(", ", m.platforms())
                + ", but the Docker engine is "
                + platform,
            "remove " + m.name() + " from spec.extensions.enabled, or use another Docker engine");
      }
      List<String> missing = new ArrayList<>();
      for (String name : m.requirements().secrets()) {
        if (secrets == null || secrets.other(name).filter(v -> !v.isEmpty()).isEmpty()) {
          missing.add(name);
        }
      }
      if (!missing.isEmpty()) {
        throw ToolException.invalidInput(
            "extension "
                + m.name()
                + " needs the secret"
                + (missing.size() > 1 ? "s " : " ")
                + String.join(", ", missing)
                + ", which "
                + (missing.size() > 1 ? "are" : "is")
                + " not in "
                + secretsFile,
            "set "
                + (missing.size() > 1 ? "each" : "it")
                + " with 'ollama-stack secrets set "
                + missing.get(0)
                + "' (reads the value from standard input; never put it in the stack file)");
      }
    }
  }
}
