package dev.ollamastack.config;

import dev.ollamastack.model.StackSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * A stack file that loaded: its validated desired state and where it came from.
 *
 * @param spec the desired state, every default applied
 * @param displayName the file name as the user gave it ({@code <built-in default>} when embedded)
 * @param path absolute path of the file, or {@code null} for the embedded default
 * @param contentSha256 hex sha256 of the file's bytes (recorded in the apply history)
 * @param warnings problems that do not stop the stack from working
 */
public record LoadedStack(
    StackSpec spec, String displayName, Path path, String contentSha256, List<Problem> warnings) {

  public LoadedStack {
    warnings = List.copyOf(warnings);
  }

  /** Whether the stack came from the built-in default rather than a file. */
  public boolean embedded() {
    return path == null;
  }
}
