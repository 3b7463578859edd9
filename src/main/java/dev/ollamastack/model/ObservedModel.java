package dev.ollamastack.model;

/** A model present in Ollama ({@code /api/tags}). */
public record ObservedModel(String name, long sizeBytes, String digest) {}
