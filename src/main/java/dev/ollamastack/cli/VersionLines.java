package dev.ollamastack.cli;

import dev.ollamastack.model.ToolVersion;
import java.io.PrintStream;

/**
 * The lines {@code --version} prints: the tool's version and the JVM it runs on. Also a main class
 * of its own, which the source launcher runs for {@code --version} alone: it loads none of picocli,
 * the redaction or the context that {@link Main} refers to, and the JVM verifies three small
 * classes instead (docs/startup.md). Plain concatenation and the runtime's version property, not
 * {@code Runtime.version()}: each bootstraps method handles or lambdas in a fresh JVM.
 */
public final class VersionLines {
  private VersionLines() {}

  /** {@code ollama-stack <version>} and {@code Java <runtime version> (<vendor>)}. */
  static String[] lines() {
    return new String[] {
      "ollama-stack ".concat(ToolVersion.get()),
      "Java "
          .concat(System.getProperty("java.runtime.version"))
          .concat(" (")
          .concat(System.getProperty("java.vendor"))
          .concat(")")
    };
  }

  static void print(PrintStream out) {
    for (String line : lines()) {
      out.println(line);
    }
    out.flush();
  }

  /**
   * Prints the lines and ends the JVM without {@code System.exit}'s shutdown sequence, which in a
   * fresh JVM sets up a system logger only to log the exit itself (nothing here needs a hook).
   */
  public static void main(String[] args) {
    print(System.out);
    Runtime.getRuntime().halt(0);
  }
}
