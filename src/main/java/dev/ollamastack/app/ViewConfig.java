package dev.ollamastack.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.SpecDocument;
import dev.ollamastack.config.StackLoader;
import java.nio.file.Path;

/** Intent {@code config view}: the effective desired state, defaults filled, secrets masked. */
public final class ViewConfig {
  /**
   * The effective configuration.
   *
   * @param document the stack document to print; sensitive values are already masked
   */
  public record Effective(LoadedStack loaded, ObjectNode document) {}

  private final AppContext context;

  public ViewConfig(AppContext context) {
    this.context = context;
  }

  /**
   * Loads the stack file {@code file} ({@code -f}, may be null: the usual lookup).
   *
   * @throws dev.ollamastack.config.InvalidStackException when the file is invalid
   */
  public Effective run(Path file) {
    LoadedStack loaded = new StackLoader(context.env(), context.cwd()).load(file);
    return new Effective(loaded, SpecDocument.render(loaded.spec()));
  }
}
