package dev.ollamastack.model;

/**
 * One task of a Swarm service, as the manager reports it.
 *
 * @param node the hostname of the node it is scheduled on, or its id when the node is unknown
 * @param state the task's state ({@code running}, {@code starting}, {@code failed}, …)
 * @param desiredState what the orchestrator wants it to be ({@code running}, {@code shutdown})
 * @param containerId its container on that node, or {@code null} before it has one
 * @param message the task's status message or error
 * @param image the image reference the task runs
 * @param imageId the local image its container runs, when it runs on this node and was inspected;
 *     else {@code null}
 */
public record ObservedTask(
    String id,
    String node,
    String state,
    String desiredState,
    String containerId,
    String message,
    String image,
    String imageId) {

  /** The same task with the image its container runs here. */
  public ObservedTask withImageId(String id) {
    return new ObservedTask(this.id, node, state, desiredState, containerId, message, image, id);
  }

  public boolean running() {
    return "running".equals(state);
  }

  public boolean wanted() {
    return "running".equals(desiredState);
  }
}
