package dev.ollamastack.cli;

import dev.ollamastack.app.VersionInfo;
import dev.ollamastack.app.VersionReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code version}: the tool, its Java runtime, the Docker engine and the detected platform. Exits 0
 * also when Docker does not answer (the report says so): it is what people paste into a bug report.
 */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = {
      "Show the tool's version, its Java runtime, the Docker engine and API version, and the"
          + " platform detected.",
      "Exit 0 also when Docker does not answer: the report says why."
    })
final class VersionCommand extends CommandSupport implements Callable<Integer> {
  /** Set by the release archive's launcher when it runs the bundled runtime. */
  static final String RUNTIME_PROPERTY = "ollamastack.runtime";

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    VersionReport report = new VersionInfo(context()).report(runtime());
    PrintWriter out = out();
    if (output.text()) {
      print(out, report);
    } else {
      output.printDocument(out, report);
    }
    out.flush();
    return 0;
  }

  static VersionReport.Java runtime() {
    return new VersionReport.Java(
        Runtime.version().toString(),
        System.getProperty("java.vendor"),
        System.getProperty("java.home"),
        "bundled".equals(System.getProperty(RUNTIME_PROPERTY)));
  }

  private static void print(PrintWriter out, VersionReport r) {
    var j = r.java();
    out.println("ollama-stack " + r.version());
    out.println(
        "java:     "
            + j.version()
            + " ("
            + j.vendor()
            + (j.bundled() ? ", bundled" : "")
            + ") "
            + j.home());
    var d = r.docker();
    String where = d.host() == null ? "" : " at " + d.host();
    where += d.context() == null ? "" : " (context " + d.context() + ")";
    out.println(
        d.reachable()
            ? "docker:   engine " + d.serverVersion() + ", API " + d.apiVersion() + where
            : "docker:   not reachable" + where + ": " + d.error());
    out.println("platform: " + r.platform().name() + " (" + r.platform().reason() + ")");
  }
}
