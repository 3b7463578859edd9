package dev.ollamastack.plan;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ImageRef;
import dev.ollamastack.model.PortBinding;
import java.util.List;
import java.util.Locale;

/**
 * The plan as people read it, Terraform style: {@code +} create, {@code ~} recreate with a reason
 * per changed field, {@code >} start (a container, or a model loaded into memory), {@code -}
 * remove, {@code ↓} image pull. Pure, so golden tests pin it.
 */
public final class PlanText {
  private PlanText() {}

  /** What an empty converge plan says. */
  public static final String NO_CHANGES = "No changes. The stack matches the desired state.";

  public static String render(Plan plan) {
    return render(plan, NO_CHANGES);
  }

  /**
   * @param nothing what an empty plan says
   */
  public static String render(Plan plan, String nothing) {
    StringBuilder sb = new StringBuilder();
    for (String blocker : plan.blockers()) {
      sb.append("  ! ").append(blocker).append('\n');
    }
    for (Action a : plan.actions()) {
      sb.append(line(a)).append('\n');
      for (String reason : details(a)) {
        sb.append("      ").append(reason).append('\n');
      }
    }
    if (plan.isEmpty() && plan.blockers().isEmpty()) {
      sb.append(nothing).append('\n');
    } else {
      if (!plan.actions().isEmpty()) {
        sb.append('\n');
      }
      sb.append(plan.summary().line()).append('\n');
    }
    return sb.toString();
  }

  static String line(Action a) {
    return switch (a) {
      case Action.CreateNetwork n -> "  + network " + n.spec().name();
      case Action.CreateVolume v -> "  + volume " + v.spec().name();
      case Action.PullImage p ->
          "  ↓ image "
              + p.reference()
              + (p.digest() == null ? "" : " " + ImageRef.shortDigest(p.digest()))
              + " (pull: not present locally)";
      case Action.CreateContainer c ->
          "  + container " + c.spec().name() + " " + describe(c.spec());
      case Action.RecreateContainer r -> "  ~ container " + r.spec().name() + " (recreate)";
      case Action.StartContainer s ->
          "  > container " + s.spec().name() + " (start: " + s.reason() + ")";
      case Action.RepairContainer r -> "  ~ container " + r.spec().name() + " (repair)";
      case Action.RemoveContainer r ->
          "  - container " + r.containerName() + " (" + r.reason() + ")";
      case Action.RemoveNetwork n -> "  - network " + n.networkName();
      case Action.RemoveVolume v -> "  - volume " + v.volumeName() + " (DATA IS DELETED)";
      case Action.RemoveImage r -> "  - image " + r.reference() + " (" + r.reason() + ")";
      case Action.RemoveConfig r ->
          "  - config "
              + r.path()
              + " (state directory: secrets, history, rendered files, embedded stack's lock)";
      case Action.PullModel m ->
          m.update()
              ? "  ~ model " + m.model() + " (update: Ollama downloads what changed upstream)"
              : "  + model " + m.model();
      case Action.PreloadModel p ->
          "  > model "
              + p.model()
              + " (preload: load into memory"
              + (p.keepAlive() == null ? "" : ", keep_alive " + p.keepAlive())
              + ")";
      case Action.DeleteModel d ->
          "  - model " + d.model() + " (" + humanBytes(d.sizeBytes()) + ", pruneModels)";
      case Action.UpdateToolServers u ->
          "  ~ tool servers of " + u.name() + " (update through Open WebUI's admin API)";
      case Action.CreateService c -> "  + service " + c.spec().name() + " " + describe(c.spec());
      case Action.UpdateService u ->
          "  ~ service " + u.spec().name() + " (rolling update, rolled back if it fails)";
      case Action.ScaleService sc ->
          (sc.replicas() == 0 ? "  - service " : "  > service ")
              + sc.serviceName()
              + " (scale to "
              + sc.replicas()
              + ": "
              + sc.reason()
              + ")";
      case Action.RemoveService r -> "  - service " + r.serviceName() + " (not in the stack file)";
      case Action.CreateSwarmFile c -> "  + " + c.file();
      case Action.RemoveSwarmFile r -> "  - " + r.key().describe() + " (no longer used)";
    };
  }

  static List<String> details(Action a) {
    if (a instanceof Action.RecreateContainer r) {
      return r.reasons();
    }
    if (a instanceof Action.RepairContainer r) {
      return r.repairs().stream().map(ContainerRepair::describe).toList();
    }
    if (a instanceof Action.RemoveConfig r) {
      return r.kept().stream().map(k -> "kept: " + k).toList();
    }
    if (a instanceof Action.UpdateService u) {
      return u.reasons();
    }
    return a instanceof Action.UpdateToolServers u ? u.reasons() : List.of();
  }

  /** The image, published ports and nodes of a new service. */
  static String describe(dev.ollamastack.model.SwarmService s) {
    StringBuilder sb = new StringBuilder("(").append(s.container().image());
    if (s.container().imageDigest() != null) {
      sb.append(' ').append(ImageRef.shortDigest(s.container().imageDigest()));
    }
    for (PortBinding p : s.published()) {
      sb.append(", *:").append(p.hostPort()).append("→").append(p.containerPort());
    }
    s.constraints().forEach(c -> sb.append(", on ").append(c));
    return sb.append(')').toString();
  }

  static String describe(ContainerSpec c) {
    StringBuilder sb = new StringBuilder("(").append(c.image());
    if (c.imageDigest() != null) {
      sb.append(' ').append(ImageRef.shortDigest(c.imageDigest()));
    }
    for (PortBinding p : c.ports()) {
      sb.append(", ")
          .append(p.hostIp())
          .append(':')
          .append(p.hostPort())
          .append("→")
          .append(p.containerPort());
    }
    return sb.append(')').toString();
  }

  public static String humanBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = bytes;
    int i = -1;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
  }
}
