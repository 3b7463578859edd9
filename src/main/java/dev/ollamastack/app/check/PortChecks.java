package dev.ollamastack.app.check;

import dev.ollamastack.app.host.HostProbe;
import dev.ollamastack.app.host.HostProbe.PortUse;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.plan.render.StackServices;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack's published ports: free, or held by this installation's own containers (a pass — the
 * stack is running), else a fail naming the holder: a container from the engine's list, or a host
 * process from {@code /proc}.
 */
final class PortChecks {
  private PortChecks() {}

  /**
   * @param containers every container of the engine, or {@code null} when Docker is unreachable
   */
  static List<CheckItem> of(StackSpec spec, List<ObservedContainer> containers, HostProbe host) {
    List<CheckItem> items = new ArrayList<>();
    StackServices.publishedPorts(spec)
        .forEach((port, service) -> items.add(one(spec, port, service, containers, host)));
    return items;
  }

  private static CheckItem one(
      StackSpec spec,
      int port,
      String service,
      List<ObservedContainer> containers,
      HostProbe host) {
    String name = "port " + port + " (" + service + ")";
    ObservedContainer holder = containers == null ? null : holder(containers, port);
    if (holder != null) {
      if (spec.name().equals(holder.installation())) {
        return CheckItem.pass(name, "in use by " + holder.name() + " (this stack)");
      }
      String whose =
          holder.installation() == null ? "" : " (installation " + holder.installation() + ")";
      return CheckItem.fail(
          name,
          "in use by container " + holder.name() + whose,
          "stop it ('docker stop "
              + holder.name()
              + "') or set another port for "
              + service
              + " in the stack file");
    }
    PortUse use = host.portUse(port);
    if (!use.inUse()) {
      return CheckItem.pass(name, "free");
    }
    String who =
        use.process() == null
            ? "another process"
            : "process " + use.process() + (use.pid() > 0 ? " (pid " + use.pid() + ")" : "");
    return CheckItem.fail(
        name,
        "in use by " + who,
        "stop "
            + (use.process() == null ? "it" : use.process())
            + " or set another port for "
            + service
            + " in the stack file");
  }

  private static ObservedContainer holder(List<ObservedContainer> containers, int port) {
    for (ObservedContainer c : containers) {
      if (!c.running()) {
        continue;
      }
      for (PortBinding b : c.ports()) {
        if (b.hostPort() == port) {
          return c;
        }
      }
    }
    return null;
  }
}
