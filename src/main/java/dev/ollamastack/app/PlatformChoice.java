package dev.ollamastack.app;

import dev.ollamastack.model.Platform;

/** The platform the stack renders for, and why (shown by {@code plan} and {@code check}). */
public record PlatformChoice(Platform platform, String reason) {}
