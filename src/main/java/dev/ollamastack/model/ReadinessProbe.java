package dev.ollamastack.model;

import java.util.List;

/**
 * How the tool decides from the host that a started service is ready: an HTTP GET on the published
 * port that must answer 2xx, else (no HTTP path) a TCP connect. With no published port, Docker's
 * own health status is used.
 *
 * @param httpPath path to GET, or {@code null} for TCP only
 * @param openApiSpecs paths of OpenAPI documents that must each list at least one path (mcpo: one
 *     per MCP server; its {@code /docs} answers even when every server failed)
 */
public record ReadinessProbe(String httpPath, List<String> openApiSpecs) {
  public ReadinessProbe {
    openApiSpecs = openApiSpecs == null ? List.of() : List.copyOf(openApiSpecs);
  }

  public ReadinessProbe(String httpPath) {
    this(httpPath, List.of());
  }
}
