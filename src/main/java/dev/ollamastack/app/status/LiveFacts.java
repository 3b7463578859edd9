package dev.ollamastack.app.status;

import dev.ollamastack.engine.ContainerStats;
import dev.ollamastack.model.ObservedContainer;

/**
 * What {@code status} measured of one container at one moment.
 *
 * @param container the inspected container (health, exit code, start time)
 * @param stats one stats sample, or {@code null} when not running or not available
 * @param probe the app-level probe on its published port, or {@code null} when not probed
 */
public record LiveFacts(ObservedContainer container, ContainerStats stats, ProbeResult probe) {}
