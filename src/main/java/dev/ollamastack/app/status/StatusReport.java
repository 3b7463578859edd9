package dev.ollamastack.app.status;

import dev.ollamastack.health.EndToEndCheck;
import dev.ollamastack.model.ObservedModel;
import java.time.Instant;
import java.util.List;

/**
 * Everything {@code status} shows, and its {@code -o json} document (docs/status-format.md).
 *
 * @param models models present in Ollama, or {@code null} when Ollama did not answer
 * @param modelStates per model: listed, present, loaded and where it runs (listed ones first)
 * @param extensions the extensions mcp-proxy should serve, each with its state and tool count
 * @param endToEnd the end-to-end checks that apply to this stack (docs/end-to-end.md); a failed one
 *     is in {@code nextSteps} but does not change {@code ok}, which is about the services
 * @param otherInstallations resources of other installations on the same engine: never touched
 * @param lastApply the last line of the apply history, or {@code null} when there is none
 * @param nextSteps what to run when something is off; empty when all is well
 * @param ok every desired service running and not unhealthy (exit code 0)
 */
public record StatusReport(
    int formatVersion,
    String installation,
    String stackFile,
    Instant observedAt,
    EngineSummary engine,
    List<ServiceStatus> services,
    List<ObservedModel> models,
    List<ModelState> modelStates,
    List<ExtensionStatus> extensions,
    List<EndToEndCheck> endToEnd,
    List<OtherResource> otherInstallations,
    LastApply lastApply,
    ControllerWatch controller,
    List<String> nextSteps,
    boolean ok) {

  public static final int FORMAT_VERSION = 1;

  public StatusReport {
    services = List.copyOf(services);
    models = models == null ? null : List.copyOf(models);
    modelStates = List.copyOf(modelStates);
    extensions = List.copyOf(extensions);
    endToEnd = List.copyOf(endToEnd);
    otherInstallations = List.copyOf(otherInstallations);
    nextSteps = List.copyOf(nextSteps);
  }

  /**
   * A resource of another installation, or an unlabelled name clash.
   *
   * @param kind {@code container}, {@code network} or {@code volume}
   * @param installation {@code null} when unlabelled
   */
  public record OtherResource(String kind, String name, String installation) {}

  /** The Docker engine status talked to. */
  public record EngineSummary(String host, String version, String apiVersion) {}

  /**
   * The last apply of this installation ({@code history.jsonl}).
   *
   * @param outcome {@code converged}, {@code failed} (an action failed) or {@code unhealthy} (done,
   *     but an end-to-end check failed)
   */
  public record LastApply(Instant time, String outcome, int actions, int failed) {}

  /**
   * Whether a {@code reconcile --watch} keeps this installation converged.
   *
   * @param pid its process, when one watches
   * @param lastPass when its last pass ended ({@code null}: none yet)
   * @param lastResult how it ended: {@code in-sync}, {@code converged}, {@code failed}, …
   */
  public record ControllerWatch(
      boolean watching, Long pid, Instant since, Instant lastPass, String lastResult) {
    public static final ControllerWatch NONE = new ControllerWatch(false, null, null, null, null);
  }
}
