package dev.ollamastack.app;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.engine.EngineUnavailableException;
import dev.ollamastack.model.ToolVersion;
import java.util.List;

/**
 * The {@code version} intent: the tool, the runtime it runs on, the Docker engine and the detected
 * platform. A Docker engine that does not answer is part of the report, not a failure: the report
 * is what people paste into a bug report, most often when something does not work.
 */
public final class VersionInfo {
  private final AppContext context;

  public VersionInfo(AppContext context) {
    this.context = context;
  }

  /**
   * @param runtime the runtime this process runs on, as the caller sees it
   */
  public VersionReport report(VersionReport.Java runtime) {
    EngineInfo info = null;
    VersionReport.Docker docker;
    try (DockerEngine engine = context.engines().connect()) {
      info = engine.info();
      docker =
          new VersionReport.Docker(
              true,
              info.host(),
              info.context(),
              info.serverVersion(),
              info.apiVersion(),
              info.os(),
              null);
    } catch (EngineUnavailableException e) {
      docker = new VersionReport.Docker(false, e.host(), e.context(), null, null, null, message(e));
    } catch (RuntimeException e) { // an unusable Docker context, an engine error
      docker = new VersionReport.Docker(false, null, null, null, null, null, message(e));
    }
    PlatformChoice choice =
        new PlatformDetector(context.host())
            .detect(info == null || info.runtimes() == null ? List.of() : info.runtimes());
    return new VersionReport(
        ToolVersion.get(),
        runtime,
        docker,
        new VersionReport.Detected(choice.platform().yamlName(), choice.reason()));
  }

  private static String message(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }
}
