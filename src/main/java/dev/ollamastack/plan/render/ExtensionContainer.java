package dev.ollamastack.plan.render;

import dev.ollamastack.extensions.ExtensionNames;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ExtensionManifest;
import dev.ollamastack.model.ExtensionsSpec;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.StackSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The container of an enabled extension that runs one ({@code <name>-ext-<ext>}): on the stack
 * network, reachable by its container name, which is what mcpo's config names. Not published on the
 * host: only mcpo talks to it.
 */
final class ExtensionContainer implements ComponentContainer {
  private final ExtensionManifest manifest;

  ExtensionContainer(ExtensionManifest manifest) {
    this.manifest = manifest;
  }

  String extension() {
    return manifest.name();
  }

  @Override
  public Component component() {
    return Component.EXTENSION;
  }

  /** Only while mcp-proxy serves it: an extension container nobody connects to is useless. */
  @Override
  public boolean runs(StackSpec spec) {
    return spec.mcpProxy().enabled() && spec.extensions().enabled().contains(manifest.name());
  }

  @Override
  public Integer hostPort(StackSpec spec) {
    return null;
  }

  @Override
  public ContainerSpec render(RenderInputs in) {
    StackSpec spec = in.spec();
    ExtensionManifest.Container c = manifest.container();
    ExtensionsSpec.ExtensionSettings settings = spec.extensions().settingsOf(manifest.name());
    Map<String, String> env = new TreeMap<>(c.env());
    env.putAll(settings.env());
    String name = ExtensionNames.container(spec.name(), manifest.name());
    ContainerSpec.Builder b =
        ContainerSpec.builder(name, Component.EXTENSION)
            .service(manifest.name())
            .image(c.image())
            .cmd(c.command())
            .env(env);
    for (String secret : manifest.requirements().secrets()) {
      b.secretEnv(secret, in.secrets().other(secret).orElse(""));
    }
    c.volumes()
        .forEach(
            (vol, target) ->
                b.mount(
                    Mount.volume(
                        ExtensionNames.volume(spec.name(), manifest.name(), vol), target)));
    if (manifest.directory() != null && settings.directory() != null) {
      boolean readOnly =
          settings.readOnly() != null ? settings.readOnly() : manifest.directory().readOnly();
      b.mount(Mount.bind(settings.directory(), manifest.directory().target(), readOnly));
    }
    return b.network(in.network(), List.of("ext-" + manifest.name())).build();
  }
}
