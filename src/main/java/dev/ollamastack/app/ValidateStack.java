package dev.ollamastack.app;

import dev.ollamastack.config.InvalidStackException;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.config.Problem;
import dev.ollamastack.config.StackLoader;
import java.nio.file.Path;
import java.util.List;

/** Intent {@code validate}: load the stack file and report, without touching Docker. */
public final class ValidateStack {
  /**
   * The verdict on one stack file.
   *
   * @param file the file name as the user gave it
   * @param loaded the stack when valid, else {@code null}
   * @param failure every problem when invalid, else {@code null}
   */
  public record Report(String file, LoadedStack loaded, InvalidStackException failure) {
    public boolean valid() {
      return failure == null;
    }

    public List<Problem> errors() {
      return failure == null ? List.of() : failure.problems();
    }

    public List<Problem> warnings() {
      return failure == null ? loaded.warnings() : failure.warnings();
    }
  }

  private final AppContext context;

  public ValidateStack(AppContext context) {
    this.context = context;
  }

  /**
   * Validates the stack file {@code file} ({@code -f}, may be null: the usual lookup).
   *
   * @return the report; an invalid file is a result here, not an exception
   */
  public Report run(Path file) {
    try {
      LoadedStack loaded = new StackLoader(context.env(), context.cwd()).load(file);
      return new Report(loaded.displayName(), loaded, null);
    } catch (InvalidStackException e) {
      return new Report(e.problems().get(0).file(), null, e);
    }
  }
}
