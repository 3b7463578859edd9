package dev.ollamastack.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the tool's version and the JVM it runs on. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return VersionLines.lines();
  }
}
