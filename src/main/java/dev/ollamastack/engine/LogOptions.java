package dev.ollamastack.engine;

import java.time.Instant;

/**
 * What to stream.
 *
 * @param tail number of lines from the end, or {@code null} for all
 * @param since, until bounds, or {@code null}
 */
public record LogOptions(boolean follow, Integer tail, Instant since, Instant until) {}
