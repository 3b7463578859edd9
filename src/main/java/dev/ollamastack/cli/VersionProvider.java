package dev.ollamastack.cli;

import dev.ollamastack.model.ToolVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the tool's version and the JVM it runs on. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "ollama-stack " + ToolVersion.get(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
