package dev.ollamastack.model;

/**
 * How the tool decides from the host that a started service is ready: an HTTP GET on the published
 * port that must answer 2xx, else (no HTTP path) a TCP connect. With no published port, Docker's
 * own health status is used.
 *
 * @param httpPath path to GET, or {@code null} for TCP only
 */
public record ReadinessProbe(String httpPath) {}
