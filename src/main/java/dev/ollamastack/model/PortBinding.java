package dev.ollamastack.model;

import java.util.Objects;

/** Publish {@code containerPort}/tcp on {@code hostIp:hostPort}. */
public record PortBinding(String hostIp, int hostPort, int containerPort) {
  // Written out: a record's generated equals and hashCode are bootstrapped through method handles
  // on first use, and every plan and status compares the bindings of each container.
  @Override
  public boolean equals(Object o) {
    return o instanceof PortBinding p
        && hostPort == p.hostPort
        && containerPort == p.containerPort
        && Objects.equals(hostIp, p.hostIp);
  }

  @Override
  public int hashCode() {
    return (31 * Objects.hashCode(hostIp) + hostPort) * 31 + containerPort;
  }
}
