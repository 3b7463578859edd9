package dev.ollamastack.plan;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.ContainerState;
import dev.ollamastack.model.Labels;
import dev.ollamastack.model.Mount;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedContainer.Endpoint;
import dev.ollamastack.model.ObservedContainer.Wiring;
import dev.ollamastack.model.ObservedNetwork;
import dev.ollamastack.model.PortBinding;
import dev.ollamastack.model.Resources;
import dev.ollamastack.plan.render.ConfigHash;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a container of ours differs from its spec beyond its config hash: what Docker really holds
 * after a hand-made change. Mounts, ports, image and limits cannot change in place (a recreate);
 * name, network, restart policy and run state can (repairs). Only facts Docker reported are judged:
 * an unknown one ({@code null}) is never drift.
 */
final class ContainerDrift {
  static final String OUTSIDE = "changed outside ollama-stack";

  private ContainerDrift() {}

  /** Reasons to recreate: what the container was created with differs from the spec. */
  static List<String> recreateReasons(ContainerSpec spec, ObservedContainer actual) {
    Wiring w = actual.wiring();
    if (w == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    // Created from the reference the lock pins (image@sha256:…), or from the tag before it did.
    if (actual.image() != null
        && !actual.image().equals(spec.image())
        && !actual.image().equals(spec.imageReference())) {
      out.add("image " + actual.image() + " → " + spec.image() + " (" + OUTSIDE + ")");
    }
    for (Mount want : spec.mounts()) {
      Optional<Mount> have =
          w.mounts().stream().filter(m -> m.target().equals(want.target())).findFirst();
      if (have.isEmpty() || !same(have.get(), want)) {
        out.add(
            "mount "
                + want.target()
                + ": "
                + have.map(ContainerDrift::show).orElse("(none)")
                + " → "
                + show(want)
                + " ("
                + OUTSIDE
                + ")");
      }
    }
    if (!ports(actual.ports()).equals(ports(spec.ports()))) {
      out.add("port " + show(actual.ports()) + " → " + show(spec.ports()) + " (" + OUTSIDE + ")");
    }
    envChangedOutside(spec, actual).ifPresent(out::add);
    Resources r = spec.resources();
    long memory = r.memoryBytes() == null ? 0 : r.memoryBytes();
    if (w.memoryBytes() != null && w.memoryBytes() != memory) {
      out.add("memory limit " + w.memoryBytes() + " → " + memory + " bytes (" + OUTSIDE + ")");
    }
    long nanoCpus = r.cpus() == null ? 0 : Math.round(r.cpus() * 1e9);
    if (w.nanoCpus() != null && w.nanoCpus() != nanoCpus) {
      out.add(
          "cpus "
              + w.nanoCpus() / 1e9
              + " → "
              + nanoCpus / 1e9
              + " ("
              + OUTSIDE
              + "; 0 = no limit)");
    }
    return out;
  }

  /**
   * The steps that put it back, in order: its name, its network, its restart policy, then running.
   *
   * @param foundAs the name it was found under when not its own, else {@code null}
   * @param network the stack network as observed, or {@code null} when it is being created
   */
  static List<ContainerRepair> repairs(
      ContainerSpec spec, ObservedContainer actual, String foundAs, ObservedNetwork network) {
    List<ContainerRepair> out = new ArrayList<>();
    if (foundAs != null) {
      out.add(new ContainerRepair.Rename(foundAs, renamedWhy(spec, foundAs)));
    }
    Wiring w = actual.wiring();
    if (w != null) {
      connect(spec, w, network).ifPresent(out::add);
      if (w.restartPolicy() != null && w.restartPolicy() != spec.restartPolicy()) {
        out.add(
            new ContainerRepair.RestorePolicy(
                spec.restartPolicy(), "it is " + w.restartPolicy().dockerName() + ": " + OUTSIDE));
      }
    }
    if (actual.state() == ContainerState.PAUSED) {
      out.add(new ContainerRepair.Unpause());
    } else if (!actual.running()) {
      out.add(new ContainerRepair.Start(notRunningWhy(actual)));
    }
    return out;
  }

  /**
   * The variables the stack sets that the container does not have as set: it was made again by hand
   * with our labels (a {@code docker run} copying them) but another environment. Only for a
   * container of this release's form whose config hash matches: then the environment it was created
   * with is exactly the one rendered, so any difference was made outside. Names only: the values
   * may be secrets.
   */
  static Optional<String> envChangedOutside(ContainerSpec spec, ObservedContainer actual) {
    Wiring w = actual.wiring();
    if (w == null
        || w.env() == null
        || !ConfigHash.VERSION.equals(actual.labels().get(Labels.HASH_VERSION))
        || !Objects.equals(spec.labels().get(Labels.CONFIG_HASH), actual.configHash())) {
      return Optional.empty();
    }
    List<String> changed = new ArrayList<>();
    spec.env()
        .forEach(
            (k, v) -> {
              // a variable kept out of the hash may differ by design (first-start-only ones)
              if (!ConfigHash.unhashed(spec, k) && !v.equals(w.env().get(k))) {
                changed.add(k);
              }
            });
    return changed.isEmpty()
        ? Optional.empty()
        : Optional.of("env " + String.join(", ", changed) + " differ (" + OUTSIDE + ")");
  }

  /** Why a container that should run does not: {@code container is exited (exit code 1)}. */
  static String notRunningWhy(ObservedContainer actual) {
    boolean exitMeaningful = actual.exitCode() != null && actual.state() != ContainerState.CREATED;
    return "container is "
        + actual.state().label()
        + (exitMeaningful ? " (exit code " + actual.exitCode() + ")" : "");
  }

  static String renamedWhy(ContainerSpec spec, String foundAs) {
    return foundAs.startsWith(spec.name() + ContainerNames.ASIDE)
        ? "set aside by an apply that was interrupted"
        : "renamed outside ollama-stack";
  }

  private static Optional<ContainerRepair> connect(
      ContainerSpec spec, Wiring w, ObservedNetwork network) {
    String net = spec.network();
    if (net == null || net.isBlank()) {
      return Optional.empty();
    }
    Endpoint ep = w.networks().get(net);
    List<String> aliases = spec.networkAliases();
    if (ep == null) {
      return Optional.of(
          new ContainerRepair.Connect(net, aliases, false, "not on it: disconnected " + outside()));
    }
    boolean stale =
        !ep.networkId().isEmpty() && (network == null || !network.id().equals(ep.networkId()));
    if (stale) {
      return Optional.of(
          new ContainerRepair.Connect(
              net, aliases, true, "it joined a network of that name that was removed since"));
    }
    if (ep.aliases() != null && !new HashSet<>(ep.aliases()).containsAll(aliases)) {
      return Optional.of(
          new ContainerRepair.Connect(
              net,
              aliases,
              true,
              "other containers cannot reach it as " + String.join(", ", aliases)));
    }
    return Optional.empty();
  }

  private static String outside() {
    return "outside ollama-stack";
  }

  private static boolean same(Mount a, Mount b) {
    return a.kind() == b.kind()
        && Objects.equals(a.source(), b.source())
        && a.readOnly() == b.readOnly();
  }

  private static String show(Mount m) {
    return (m.kind() == Mount.Kind.VOLUME ? "volume " : "")
        + m.source()
        + (m.readOnly() ? " (read-only)" : "");
  }

  /** Bindings compared as Docker applies them: no address means every address. */
  private static Set<PortBinding> ports(List<PortBinding> ports) {
    Set<PortBinding> out = new HashSet<>();
    for (PortBinding p : ports) {
      String ip = p.hostIp() == null || p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp();
      out.add(new PortBinding(ip, p.hostPort(), p.containerPort()));
    }
    return out;
  }

  private static String show(List<PortBinding> ports) {
    if (ports.isEmpty()) {
      return "(not published)";
    }
    return String.join(
        ",",
        ports.stream()
            .map(p -> p.hostIp() + ":" + p.hostPort() + "→" + p.containerPort())
            .sorted()
            .toList());
  }
}
