package dev.ollamastack.app.status;

import dev.ollamastack.health.HttpProbe;
import dev.ollamastack.health.OllamaClient;
import dev.ollamastack.model.LoadedModel;
import dev.ollamastack.model.ObservedModel;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** The network calls {@code status} makes besides Docker's: replaced by fakes in tests. */
public interface StatusProbes {
  /** Probes {@code httpPath} on host:port ({@code null} path = TCP only). */
  ProbeResult probe(String host, int port, String httpPath);

  /** Models present in Ollama at {@code ollamaUrl}, or {@code null} when it does not answer. */
  List<ObservedModel> models(String ollamaUrl);

  /**
   * Models Ollama at {@code ollamaUrl} holds in memory ({@code /api/ps}), or {@code null} when it
   * does not answer.
   */
  default List<LoadedModel> loaded(String ollamaUrl) {
    return null;
  }

  /** Tools an OpenAPI tool server lists at {@code url}; empty when it serves no document. */
  default java.util.OptionalInt tools(String url) {
    return java.util.OptionalInt.empty();
  }

  /** Real probes with short timeouts, so a hung service never stalls {@code status}. */
  static StatusProbes http() {
    HttpProbe http = new HttpProbe();
    Duration timeout = Duration.ofMillis(1500);
    return new StatusProbes() {
      @Override
      public ProbeResult probe(String host, int port, String httpPath) {
        Duration connect = Duration.ofMillis(500);
        if (httpPath == null) {
          return HttpProbe.tcpOpen(host, port, connect) ? ProbeResult.OK : ProbeResult.CLOSED;
        }
        // one connection: a bare connect first would cost the service a second one
        return switch (http.reach("http://" + host + ":" + port + httpPath, connect, timeout)) {
          case OK -> ProbeResult.OK;
          case ACCEPTED -> ProbeResult.LISTENING;
          case CLOSED -> ProbeResult.CLOSED;
        };
      }

      @Override
      public java.util.OptionalInt tools(String url) {
        return new dev.ollamastack.health.OpenApiTools(http).count(url, timeout);
      }

      @Override
      public List<LoadedModel> loaded(String ollamaUrl) {
        try {
          return new OllamaClient(ollamaUrl).ps(timeout);
        } catch (IOException | RuntimeException e) {
          return null;
        }
      }

      @Override
      public List<ObservedModel> models(String ollamaUrl) {
        try {
          return new OllamaClient(ollamaUrl).tags(timeout);
        } catch (IOException | RuntimeException e) {
          return null;
        }
      }
    };
  }
}
