package dev.ollamastack.observe;

import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.DesiredState;
import dev.ollamastack.model.ObservedContainer;
import dev.ollamastack.model.ObservedModel;
import dev.ollamastack.model.ObservedState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A digest of the observed facts a plan of one installation depends on. A saved plan records it;
 * applying the plan refuses when the engine no longer matches (the plan is stale). What belongs to
 * other installations is left out unless it stands in this one's way (a container on one of its
 * names, or on one of its volumes or host ports): another installation's new volume does not make
 * this one's plan stale. What Ollama holds in memory is left out too: it changes on its own (a
 * {@code keep_alive} running out), and a preload that is no longer needed changes the actions.
 */
public final class Fingerprint {
  private Fingerprint() {}

  private static String digest(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String of(DesiredState desired, ObservedState s) {
    Set<String> names =
        desired.containers().stream().map(ContainerSpec::name).collect(Collectors.toSet());
    List<String> lines = new ArrayList<>();
    for (ObservedContainer c : s.containers()) {
      lines.add(container("c", c));
    }
    s.networks().forEach(n -> lines.add("n " + n.name() + " " + n.id()));
    s.volumes().forEach(v -> lines.add("v " + v.name()));
    s.localImages().forEach(i -> lines.add("i " + i));
    s.others().stream()
        .filter(o -> names.contains(o.name()))
        .forEach(o -> lines.add("o " + o.kind().label() + " " + o.name() + " " + o.installation()));
    s.neighbours().forEach(c -> lines.add(container("x", c)));
    if (s.models() != null) {
      for (ObservedModel m : s.models()) {
        lines.add("m " + m.name() + " " + m.digest());
      }
    }
    if (s.toolServers() != null) {
      lines.add("t " + digest(String.valueOf(s.toolServers().connections())));
    }
    lines.sort(null);
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String l : lines) {
        md.update((l + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Everything observed that a plan reads: state, hash, ports and wiring (networks, mounts). */
  private static String container(String tag, ObservedContainer c) {
    return tag
        + " "
        + c.name()
        + " "
        + c.id()
        + " "
        + c.configHash()
        + " "
        + c.state().label()
        + " "
        + c.image()
        + " "
        + c.ports()
        + " "
        + c.wiring();
  }
}
