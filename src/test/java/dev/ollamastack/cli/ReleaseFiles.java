package dev.ollamastack.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes what the release archive ships beside the jar, from the full command model: the bash, zsh
 * and fish completion scripts and one man page source (AsciiDoc, picocli's {@link
 * ManPageGenerator}) per command, which the build turns into roff. Run by {@code -Prelease} at
 * {@code prepare-package}: {@code ReleaseFiles <staging dir>}.
 */
public final class ReleaseFiles {
  private ReleaseFiles() {}

  public static void main(String[] args) throws IOException {
    Path staging = Path.of(args[0]);
    Path completions = Files.createDirectories(staging.resolve("completions"));
    CommandLine model = CommandModel.full();
    for (CompletionCommand.Shell shell : CompletionCommand.Shell.values()) {
      Files.writeString(
          completions.resolve("ollama-stack." + shell.name()),
          CompletionCommand.script(shell, model),
          StandardCharsets.UTF_8);
    }
    Path adoc = Files.createDirectories(staging.resolve("man-adoc"));
    for (CommandLine cmd : CommandModel.documented()) {
      Path file = adoc.resolve(CommandModel.fileName(cmd) + ".adoc");
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
        ManPageGenerator.writeSingleManPage(w, cmd.getCommandSpec());
      }
    }
  }
}
