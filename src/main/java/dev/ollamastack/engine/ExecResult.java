package dev.ollamastack.engine;

/**
 * How a command run inside a container ended.
 *
 * @param exitCode the command's exit code ({@code 126}/{@code 127}: not executable / not found)
 * @param output stdout and stderr merged, in arrival order, possibly truncated
 */
public record ExecResult(int exitCode, String output) {
  public ExecResult {
    output = output == null ? "" : output;
  }

  public boolean ok() {
    return exitCode == 0;
  }
}
