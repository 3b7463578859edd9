package dev.ollamastack.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which stack file to read and how to name it in messages.
 *
 * @param path absolute path, or {@code null} for the embedded default
 * @param displayName the name as the user gave it
 * @param origin how it was chosen, to word a "not found" error
 */
record StackSource(Path path, String displayName, Origin origin) {
  /** How the file was chosen. */
  enum Origin {
    FLAG,
    VARIABLE,
    WORKING_DIRECTORY,
    EMBEDDED
  }

  static StackSource locate(Path explicit, Map<String, String> env, Path cwd) {
    if (explicit != null) {
      return new StackSource(cwd.resolve(explicit), explicit.toString(), Origin.FLAG);
    }
    String variable = env.get(StackLoader.FILE_VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return new StackSource(cwd.resolve(variable), variable, Origin.VARIABLE);
    }
    Path local = cwd.resolve(StackLoader.DEFAULT_FILE);
    if (Files.exists(local)) {
      return new StackSource(local, StackLoader.DEFAULT_FILE, Origin.WORKING_DIRECTORY);
    }
    return new StackSource(null, StackLoader.EMBEDDED_NAME, Origin.EMBEDDED);
  }

  /** The file's bytes; a missing, oversized or unreadable file is an invalid stack. */
  byte[] read() {
    try {
      if (Files.isDirectory(path)) {
        throw fail("is a directory, not a stack file");
      }
      StackText.checkSize(displayName, Files.size(path));
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw fail("file not found");
    } catch (IOException e) {
      throw fail("cannot read: " + e.getMessage());
    }
  }

  private InvalidStackException fail(String message) {
    String hint =
        switch (origin) {
          case FLAG ->
              "check the path given with -f/--file (relative paths start at the working directory)";
          case VARIABLE -> "$" + StackLoader.FILE_VARIABLE + " names this file; fix or unset it";
          default -> "run 'ollama-stack init' to write a starter ollama-stack.yaml";
        };
    return InvalidStackException.of(Problem.ofFile(displayName, message), hint);
  }
}
