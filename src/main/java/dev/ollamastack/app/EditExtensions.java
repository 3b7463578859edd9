package dev.ollamastack.app;

import dev.ollamastack.config.EnabledExtensionsEdit;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.SecretStore;
import dev.ollamastack.config.StackLoader;
import dev.ollamastack.config.StatePaths;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.extensions.ExtensionCatalog;
import dev.ollamastack.model.ExtensionManifest;
import dev.ollamastack.model.Secrets;
import dev.ollamastack.model.ToolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code extensions enable|disable NAME}: edits {@code spec.extensions.enabled} in the stack file
 * (every other byte kept), after checking what would make the next apply refuse: an unknown name, a
 * missing required secret, a platform the Docker engine does not run. The edited file must load, or
 * nothing is written.
 */
public final class EditExtensions {
  /** What changed: the file's text before and after ({@code before == after}: nothing to do). */
  public record Edited(Path file, String before, String after) {
    public boolean changed() {
      return !before.equals(after);
    }
  }

  private final AppContext ctx;

  public EditExtensions(AppContext ctx) {
    this.ctx = ctx;
  }

  public Edited run(Path fileArg, String name, boolean enable) {
    LoadedStack loaded = new StackLoader(ctx.env(), ctx.cwd()).load(fileArg);
    Path file = loaded.path();
    if (file == null) {
      throw ToolException.invalidInput(
          "there is no stack file to edit: the built-in default stack is in use",
          "run 'ollama-stack init' to write ollama-stack.yaml, or pass -f FILE");
    }
    var extensions = loaded.spec().extensions();
    ExtensionCatalog catalog = ExtensionCatalog.builtIn().with(extensions.manifests());
    if (enable) {
      ExtensionManifest m =
          catalog
              .find(name)
              .orElseThrow(
                  () ->
                      ToolException.invalidInput(
                          "unknown extension \"" + name + "\"",
                          "known: "
                              + String.join(", ", catalog.names())
                              + " ('ollama-stack extensions list')"));
      refuseUnmet(loaded, m);
    }
    try {
      String before = Files.readString(file, StandardCharsets.UTF_8);
      String after = EnabledExtensionsEdit.apply(before, extensions.enabled(), name, enable);
      if (!after.equals(before)) {
        // the edited file must load as it will next time; nothing is written otherwise
        new StackLoader(ctx.env(), ctx.cwd())
            .parse(after.getBytes(StandardCharsets.UTF_8), loaded.displayName(), file);
        StatePaths.writeAtomically(file, after, permissions(file));
      }
      return new Edited(file, before, after);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void refuseUnmet(LoadedStack loaded, ExtensionManifest m) {
    String installation = loaded.spec().name();
    SecretStore store = new SecretStore(ctx.stateHome());
    Secrets secrets = new Secrets("", "", store.others(installation));
    EngineInfo info;
    try (DockerEngine engine = ctx.engines().connect()) {
      info = engine.info();
    } catch (RuntimeException e) {
      info = null; // Docker down: the platform is checked again by the apply
    }
    var only =
        loaded
            .spec()
            .withExtensions(
                new dev.ollamastack.model.ExtensionsSpec(
                    java.util.List.of(m.name()),
                    loaded.spec().extensions().paths(),
                    loaded.spec().extensions().settings(),
                    loaded.spec().extensions().manifests()));
    EngineInfo any =
        info != null
            ? info
            : new EngineInfo(null, null, null, null, null, null, null, 0, 0, java.util.List.of());
    ExtensionRequirements.check(only, any, secrets, store.file(installation).toString());
  }

  private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(Path file)
      throws IOException {
    try {
      return Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return PosixFilePermissions.fromString("rw-r--r--");
    }
  }
}
