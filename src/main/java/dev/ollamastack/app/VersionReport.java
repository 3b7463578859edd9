package dev.ollamastack.app;

/**
 * What {@code ollama-stack version} reports: what to paste into a bug report.
 *
 * @param version the tool's version
 * @param java the Java runtime the tool runs on
 * @param docker the Docker engine, or why it could not be reached
 * @param platform what {@code platform: auto} resolves to on this host, and why
 */
public record VersionReport(String version, Java java, Docker docker, Detected platform) {

  /**
   * @param bundled whether this is the runtime shipped in the release archive (else a JDK found on
   *     the machine)
   */
  public record Java(String version, String vendor, String home, boolean bundled) {}

  /**
   * @param reachable false when no daemon answered; then only {@code host} and {@code error} are
   *     set
   * @param host where the tool looked for the daemon
   * @param context the Docker context that chose {@code host}, or null
   * @param error why the daemon could not be reached, or null
   */
  public record Docker(
      boolean reachable,
      String host,
      String context,
      String serverVersion,
      String apiVersion,
      String os,
      String error) {}

  /**
   * @param name the platform ({@code cpu}, {@code nvidia}, {@code amd}, {@code apple})
   * @param reason why it was chosen
   */
  public record Detected(String name, String reason) {}
}
