package dev.ollamastack.app;

import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.StackLoader;
import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.extensions.ExtensionCatalog;
import dev.ollamastack.extensions.ToolServerConnections;
import dev.ollamastack.health.HttpProbe;
import dev.ollamastack.health.OpenApiTools;
import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ExtensionManifest;
import dev.ollamastack.model.ToolException;
import dev.ollamastack.plan.Overrides;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code extensions list} and {@code info} show: the catalog, the stack's use of it. */
public final class ExtensionCatalogView {
  /**
   * One extension of the catalog.
   *
   * @param source {@code built-in} or the manifest's path
   * @param runs {@code stdio} (inside mcp-proxy) or {@code container}
   * @param state {@code serving (N tools)}, {@code failed}, {@code not running}, {@code -} when not
   *     enabled, {@code unknown} when Docker was not asked
   */
  public record Row(
      String name,
      String source,
      String runs,
      boolean enabled,
      String state,
      String description,
      ExtensionManifest manifest) {}

  private final AppContext ctx;

  public ExtensionCatalogView(AppContext ctx) {
    this.ctx = ctx;
  }

  public List<Row> rows(Path file, boolean observe) {
    LoadedStack loaded = new StackLoader(ctx.env(), ctx.cwd()).load(file);
    var ext = loaded.spec().extensions();
    ExtensionCatalog catalog = ExtensionCatalog.builtIn().with(ext.manifests());
    Optional<Serving> serving =
        observe || !ext.enabled().isEmpty() ? serving(loaded) : Optional.empty();
    List<Row> rows = new ArrayList<>();
    for (ExtensionManifest m : catalog.all()) {
      boolean enabled = ext.enabled().contains(m.name());
      String state = !enabled ? "-" : serving.map(s -> s.state(m.name())).orElse("unknown");
      rows.add(
          new Row(
              m.name(),
              ExtensionCatalog.BUILT_IN.equals(m.source()) ? "built-in" : "paths",
              m.runsContainer() ? "container" : "stdio",
              enabled,
              state,
              m.description(),
              m));
    }
    return rows;
  }

  /** The row of an enabled extension, else exit 3 naming what is enabled. */
  public Row enabledRow(Path file, String name) {
    List<Row> rows = rows(file, false);
    return rows.stream()
        .filter(r -> r.name().equals(name) && r.enabled())
        .findFirst()
        .orElseThrow(
            () ->
                ToolException.invalidInput(
                    "extension \"" + name + "\" is not enabled in the stack file",
                    "enabled: "
                        + String.join(
                            ", ", rows.stream().filter(Row::enabled).map(Row::name).toList())
                        + "; enable it with 'ollama-stack extensions enable "
                        + name
                        + "'"));
  }

  public String info(Path file, String name) {
    LoadedStack loaded = new StackLoader(ctx.env(), ctx.cwd()).load(file);
    Row row =
        rows(file, false).stream()
            .filter(r -> r.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    ToolException.invalidInput(
                        "unknown extension \"" + name + "\"",
                        "'ollama-stack extensions list' shows the catalog"));
    ExtensionManifest m = row.manifest();
    String proxy = Component.MCP_PROXY.containerName(loaded.spec().name());
    StringBuilder sb = new StringBuilder();
    sb.append(m.name()).append(" — ").append(m.description()).append('\n');
    sb.append("  source:       ").append(m.source()).append('\n');
    sb.append("  version:      ").append(m.version() == null ? "-" : m.version()).append('\n');
    sb.append("  runs:         ").append(row.runs()).append('\n');
    sb.append("  platforms:    ")
        .append(m.platforms().isEmpty() ? "any" : String.join(", ", m.platforms()))
        .append('\n');
    sb.append("  needs:        ")
        .append(
            m.requirements().memory() == null ? "" : "memory " + m.requirements().memory() + " ")
        .append(m.requirements().gpu() ? "a GPU " : "")
        .append(
            m.requirements().secrets().isEmpty()
                ? "no secrets"
                : "secrets "
                    + String.join(", ", m.requirements().secrets())
                    + " (ollama-stack secrets set NAME)")
        .append('\n');
    m.volumes()
        .forEach(
            (v, t) ->
                sb.append("  volume:       ")
                    .append(
                        dev.ollamastack.extensions.ExtensionNames.volume(
                            loaded.spec().name(), m.name(), v))
                    .append(" → ")
                    .append(t)
                    .append('\n'));
    if (m.directory() != null) {
      sb.append("  directory:    spec.extensions.settings.")
          .append(m.name())
          .append(".directory → ")
          .append(m.directory().target())
          .append(m.directory().readOnly() ? " (read-only unless readOnly: false)" : "")
          .append('\n');
    }
    sb.append("  tool server:  ")
        .append(ToolServerConnections.url(proxy, 8000, m.name()))
        .append(" (bearer: MCPO_API_KEY)\n");
    sb.append("  enabled:      ").append(row.enabled() ? "yes" : "no").append('\n');
    return sb.toString();
  }

  /** What mcp-proxy serves now, asked through its published port. */
  private record Serving(ContainerSpec proxy, boolean running) {
    String state(String extension) {
      if (!running) {
        return "not running";
      }
      if (proxy.ports().isEmpty()) {
        return "unknown (no port)";
      }
      var p = proxy.ports().get(0);
      String host = "0.0.0.0".equals(p.hostIp()) ? "127.0.0.1" : p.hostIp();
      var tools =
          new OpenApiTools(new HttpProbe())
              .count(
                  "http://" + host + ":" + p.hostPort() + "/" + extension + "/openapi.json",
                  Duration.ofSeconds(2));
      return tools.isPresent() && tools.getAsInt() > 0
          ? "serving (" + tools.getAsInt() + " tools)"
          : "failed";
    }
  }

  private Optional<Serving> serving(LoadedStack loaded) {
    try (DockerEngine engine = ctx.engines().connect()) {
      PlannedStack p =
          new Reconciler(ctx, new PlatformResolver(ctx.host()))
              .plan(loaded, new PlanRequest(loaded.path(), null, Overrides.NONE, false), engine);
      return p.desired().containers().stream()
          .filter(c -> c.component() == Component.MCP_PROXY)
          .findFirst()
          .map(
              c ->
                  new Serving(
                      c,
                      p.observed().containers().stream()
                          .anyMatch(o -> o.name().equals(c.name()) && o.running())));
    } catch (RuntimeException e) {
      return Optional.empty(); // Docker down or a refusal: the catalog is still worth showing
    }
  }
}
