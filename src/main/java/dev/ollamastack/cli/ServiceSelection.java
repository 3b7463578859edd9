package dev.ollamastack.cli;

import dev.ollamastack.app.PlatformResolver;
import dev.ollamastack.app.Reconciler;
import dev.ollamastack.app.ServiceNames;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.model.ToolException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Service names given on the command line, checked against the stack's services. */
final class ServiceSelection {
  private ServiceSelection() {}

  /** The named services, or every service of the stack when none are named. */
  static Set<String> resolve(CommandSupport cmd, Path file, List<String> names) {
    LoadedStack loaded =
        new Reconciler(cmd.context(), new PlatformResolver(cmd.context().host())).load(file);
    Set<String> valid = new LinkedHashSet<>(validNames(loaded));
    if (names == null || names.isEmpty()) {
      return valid;
    }
    List<String> unknown = new ArrayList<>();
    for (String n : names) {
      if (!valid.contains(n)) {
        unknown.add(n);
      }
    }
    if (!unknown.isEmpty()) {
      throw ToolException.invalidInput(
          "unknown service " + String.join(", ", unknown),
          "valid names: " + String.join(", ", valid));
    }
    return new LinkedHashSet<>(names);
  }

  static List<String> validNames(LoadedStack loaded) {
    return ServiceNames.declared(loaded.spec());
  }
}
