package dev.ollamastack.plan;

import dev.ollamastack.model.ResourceKey;
import dev.ollamastack.model.ResourceKind;
import java.util.List;

/**
 * The stable machine form of a plan ({@code plan -o json}, saved plan files). Field names and
 * meanings only ever gain members; {@code formatVersion} changes if one must change.
 *
 * @param fingerprint sha256 of the observed state the plan was made against
 * @param stackFile the stack file planned ({@code null} for the embedded default)
 * @param stackSha256 sha256 of that file's content
 */
public record PlanDocument(
    int formatVersion,
    String installation,
    String stackFile,
    String stackSha256,
    String fingerprint,
    List<Item> actions,
    Counts summary,
    List<String> warnings,
    List<String> blockers) {

  public static final int FORMAT_VERSION = 1;

  /**
   * One action.
   *
   * @param action {@code create}, {@code recreate}, {@code start}, {@code repair}, {@code remove},
   *     {@code pull}, {@code delete}, {@code update} or {@code preload}
   * @param kind {@code network}, {@code volume}, {@code image}, {@code container}, {@code model},
   *     {@code config}, {@code tool-servers}, {@code loaded-model}
   * @param image the image reference of the stack file (for a removed image: its id)
   * @param digest the digest the lock pins {@code image} to, {@code null} when it is not pinned
   */
  public record Item(
      String action,
      String kind,
      String name,
      String image,
      List<String> reasons,
      List<String> dependsOn,
      String digest) {
    public Item(
        String action,
        String kind,
        String name,
        String image,
        List<String> reasons,
        List<String> dependsOn) {
      this(action, kind, name, image, reasons, dependsOn, null);
    }

    /**
     * The item with the content digests of Swarm secrets and configs left out of their names: the
     * plan shown before the first apply names them by placeholder secrets, which that apply then
     * generates. What a changed content does to a service is in its own item.
     */
    public Item comparable() {
      return new Item(
          action,
          kind,
          swarmFile(kind) ? undigested(name) : name,
          image,
          reasons,
          dependsOn == null
              ? null
              : dependsOn.stream()
                  .map(
                      d -> {
                        int colon = d.indexOf(':');
                        return colon > 0 && swarmFile(d.substring(0, colon)) ? undigested(d) : d;
                      })
                  .toList(),
          digest);
    }

    private static boolean swarmFile(String kind) {
      return ResourceKind.SECRET.label().equals(kind)
          || ResourceKind.SWARM_CONFIG.label().equals(kind);
    }

    private static String undigested(String name) {
      return name.replaceFirst("-[0-9a-f]{12}$", "");
    }
  }

  /** The actions as two plans of the same stack are compared ({@link Item#comparable()}). */
  public List<Item> comparableActions() {
    return actions == null ? null : actions.stream().map(Item::comparable).toList();
  }

  /**
   * Action counts; {@code update}: settings changed inside a running app (its tool servers); {@code
   * repair}: containers set right in place; {@code preload}: models loaded into Ollama's memory.
   */
  public record Counts(
      int create, int recreate, int remove, int start, int update, int repair, int preload) {}

  public static PlanDocument of(
      Plan plan, String stackFile, String stackSha256, String fingerprint) {
    Plan.Summary s = plan.summary();
    return new PlanDocument(
        FORMAT_VERSION,
        plan.installation(),
        stackFile,
        stackSha256,
        fingerprint,
        plan.actions().stream().map(PlanDocument::item).toList(),
        new Counts(
            s.create(), s.recreate(), s.remove(), s.start(), s.update(), s.repair(), s.preload()),
        plan.warnings(),
        plan.blockers());
  }

  private static Item item(Action a) {
    String name = a.name();
    String kind = a.kind().label();
    List<String> deps = a.dependsOn().stream().map(ResourceKey::toString).toList();
    return switch (a) {
      case Action.CreateNetwork n -> new Item("create", kind, name, null, List.of(), deps);
      case Action.CreateVolume v -> new Item("create", kind, name, null, List.of(), deps);
      case Action.PullImage p ->
          new Item("pull", kind, name, p.reference(), List.of(), deps, p.digest());
      case Action.CreateContainer c ->
          new Item("create", kind, name, c.spec().image(), List.of(), deps, c.spec().imageDigest());
      case Action.RecreateContainer r ->
          new Item(
              "recreate", kind, name, r.spec().image(), r.reasons(), deps, r.spec().imageDigest());
      case Action.StartContainer s ->
          new Item("start", kind, name, s.spec().image(), List.of(s.reason()), deps, null);
      case Action.RepairContainer r ->
          new Item(
              "repair",
              kind,
              name,
              r.spec().image(),
              r.repairs().stream().map(ContainerRepair::describe).toList(),
              deps,
              r.spec().imageDigest());
      case Action.RemoveContainer r ->
          new Item("remove", kind, name, null, List.of(r.reason()), deps);
      case Action.RemoveNetwork n -> new Item("remove", kind, name, null, List.of(), deps);
      case Action.RemoveVolume v -> new Item("remove", kind, name, null, List.of(), deps);
      case Action.RemoveImage r ->
          new Item("remove", kind, name, r.imageId(), List.of(r.reason()), deps);
      case Action.RemoveConfig r ->
          new Item(
              "remove", kind, name, null, r.kept().stream().map(k -> "kept: " + k).toList(), deps);
      case Action.PullModel m ->
          new Item("pull", kind, name, null, m.update() ? List.of("update") : List.of(), deps);
      case Action.DeleteModel d ->
          new Item("delete", kind, name, null, List.of("pruneModels"), deps);
      case Action.PreloadModel p ->
          new Item(
              "preload",
              kind,
              name,
              null,
              p.keepAlive() == null ? List.of() : List.of("keep_alive " + p.keepAlive()),
              deps);
      case Action.UpdateToolServers u -> new Item("update", kind, name, null, u.reasons(), deps);
      case Action.CreateService c ->
          new Item(
              "create",
              kind,
              name,
              c.spec().container().image(),
              List.of(),
              deps,
              c.spec().container().imageDigest());
      case Action.UpdateService u ->
          new Item(
              "update",
              kind,
              name,
              u.spec().container().image(),
              u.reasons(),
              deps,
              u.spec().container().imageDigest());
      case Action.ScaleService sc ->
          new Item(
              "scale",
              kind,
              name,
              null,
              List.of("replicas " + sc.replicas() + ": " + sc.reason()),
              deps);
      case Action.RemoveService r -> new Item("remove", kind, name, null, List.of(), deps);
      case Action.CreateSwarmFile c -> new Item("create", kind, name, null, List.of(), deps);
      case Action.RemoveSwarmFile r -> new Item("remove", kind, name, null, List.of(), deps);
    };
  }
}
