package dev.ollamastack.model;

/** Publish {@code containerPort}/tcp on {@code hostIp:hostPort}. */
public record PortBinding(String hostIp, int hostPort, int containerPort) {}
