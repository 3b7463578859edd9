package dev.ollamastack.engine;

/** One progress event of an image pull; {@code current}/{@code total} are bytes, 0 if unknown. */
public record PullProgress(String layer, String status, long current, long total) {}
