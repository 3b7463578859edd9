package dev.ollamastack.engine;

import java.time.Instant;

/**
 * One log line, verbatim.
 *
 * @param timestamp from Docker's timestamps, or {@code null} when not requested
 */
public record LogLine(String containerId, boolean stderr, Instant timestamp, String text) {}
