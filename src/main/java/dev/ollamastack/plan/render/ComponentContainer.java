package dev.ollamastack.plan.render;

import dev.ollamastack.model.Component;
import dev.ollamastack.model.ContainerSpec;
import dev.ollamastack.model.RenderedFile;
import dev.ollamastack.model.StackSpec;
import java.util.List;
import java.util.Optional;

/**
 * The desired form of one component's container: whether it runs for a stack, and how. One
 * implementation per component; {@link StackServices} lists them.
 */
interface ComponentContainer {
  Component component();

  /** Whether this component runs for the stack (platform defaults applied). */
  boolean runs(StackSpec spec);

  /**
   * Why a component the user asked for does not run, to tell them; empty when it runs or was turned
   * off on purpose.
   */
  default Optional<String> notRunNote(StackSpec spec) {
    return Optional.empty();
  }

  /** The host port it is published on, or null. */
  Integer hostPort(StackSpec spec);

  ContainerSpec render(RenderInputs in);

  /** Host files the container mounts, written before it is created. */
  default List<RenderedFile> files(RenderInputs in) {
    return List.of();
  }
}
