package dev.ollamastack.config;

import dev.ollamastack.model.StackSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** TEMPORARY stand-in until the real loader lands from feat/config. */
public final class StackLoader {
  public StackLoader(Map<String, String> env, Path cwd) {}

  public LoadedStack load(Path explicitFile) {
    return new LoadedStack(StackSpec.defaults(), "<built-in default>", null, "0", List.of());
  }
}
