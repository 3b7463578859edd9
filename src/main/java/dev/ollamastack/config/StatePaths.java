package dev.ollamastack.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** TEMPORARY stand-in until the real one lands from feat/config. */
public final class StatePaths {
  private final Path home;

  public StatePaths(Path stateHome) {
    this.home = stateHome;
  }

  public Path dir(String installation) {
    try {
      return Files.createDirectories(home.resolve(installation));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path lockFile(String installation) {
    return dir(installation).resolve("apply.lock");
  }

  public Path historyFile(String installation) {
    return dir(installation).resolve("history.jsonl");
  }
}
