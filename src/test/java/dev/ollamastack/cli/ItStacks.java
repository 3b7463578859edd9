package dev.ollamastack.cli;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.config.LoadedStack;
import dev.ollamastack.engine.docker.DockerJavaEngineFactory;
import dev.ollamastack.model.BackupSpec;
import dev.ollamastack.model.Expose;
import dev.ollamastack.model.ExtensionsSpec;
import dev.ollamastack.model.GpuRequest;
import dev.ollamastack.model.OllamaMode;
import dev.ollamastack.model.OllamaSpec;
import dev.ollamastack.model.Platform;
import dev.ollamastack.model.Resources;
import dev.ollamastack.model.ServiceSpec;
import dev.ollamastack.model.StackSpec;
import dev.ollamastack.testsupport.FakeHost;
import dev.ollamastack.testsupport.ItDocker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Stacks for ITs: a unique installation name and free ports, so nothing real is in the way. */
final class ItStacks {
  private ItStacks() {}

  static LoadedStack stack(String name, int ollamaPort, int webuiPort, Integer mcpoPort) {
    StackSpec spec =
        new StackSpec(
            name,
            Platform.CPU,
            Expose.LOCALHOST,
            new OllamaSpec(
                OllamaMode.CONTAINER,
                null,
                null,
                ollamaPort,
                Map.of(),
                Resources.NONE,
                GpuRequest.ALL,
                List.of(),
                false),
            ServiceSpec.webuiDefaults().withPort(webuiPort),
            ServiceSpec.mcpProxyDefaults().withPort(mcpoPort).withEnabled(mcpoPort != null),
            ExtensionsSpec.defaults(),
            BackupSpec.defaults());
    return new LoadedStack(spec, "it.yaml", null, "0", List.of());
  }

  /** A context on the real daemon and a plain {@link FakeHost}. */
  static AppContext context(Path home, ItDocker docker) {
    return new AppContext(
        Map.of(), home, home, false, new DockerJavaEngineFactory(System.getenv()), new FakeHost());
  }
}
