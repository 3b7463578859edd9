package dev.ollamastack.app.logs;

import dev.ollamastack.engine.LogLine;

/** A log line with the service it came from. */
public record ServiceLine(String service, LogLine line) {}
