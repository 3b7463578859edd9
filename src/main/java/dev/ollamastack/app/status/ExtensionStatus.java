package dev.ollamastack.app.status;

/**
 * One extension as mcp-proxy serves it: {@code status} asks mcpo for each server's OpenAPI
 * document, since mcpo's own {@code /docs} answers even when every server failed.
 *
 * @param runs {@code stdio} (inside mcp-proxy) or {@code container} (its own)
 * @param state {@code serving}, {@code failed} (mcp-proxy answers, the server lists no tools),
 *     {@code down} (mcp-proxy does not answer), {@code unknown} (mcp-proxy publishes no port)
 * @param tools tool count while serving, else {@code null}
 */
public record ExtensionStatus(String name, String runs, String state, Integer tools) {}
