package dev.ollamastack.engine;

/** One stats sample: CPU in percent of one core times cores, memory in bytes. */
public record ContainerStats(double cpuPercent, long memoryBytes, long memoryLimitBytes) {}
