package dev.ollamastack.app.status;

/** What a service's published port says from the host. */
public enum ProbeResult {
  /** The readiness endpoint answered 2xx (or, for TCP-only services, the port accepted). */
  OK,
  /** The port accepts connections but the endpoint does not answer 2xx yet. */
  LISTENING,
  /** Nothing accepts connections. */
  CLOSED
}
