package dev.ollamastack.model;

import java.util.List;

/**
 * The Swarm form of a desired state ({@code spec.target: swarm}): services instead of containers,
 * secrets and configs instead of environment values and host files.
 *
 * @param notes what the user must know about this form (ports not published, bind mounts that must
 *     exist on every node)
 * @param problems what cannot run on a Swarm as rendered: the plan is blocked with them
 */
public record SwarmDesired(
    List<SwarmService> services, List<SwarmFile> files, List<String> notes, List<String> problems) {
  public SwarmDesired {
    services = List.copyOf(services);
    files = List.copyOf(files);
    notes = List.copyOf(notes);
    problems = List.copyOf(problems);
  }
}
