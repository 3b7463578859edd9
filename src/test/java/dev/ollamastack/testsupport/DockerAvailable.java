package dev.ollamastack.testsupport;

import dev.ollamastack.engine.DockerEngine;
import dev.ollamastack.engine.EngineInfo;
import dev.ollamastack.engine.docker.DockerJavaEngineFactory;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Put on an {@code *IT} class that needs the Docker daemon. When the daemon answers, the tests run;
 * when it does not, they are skipped with the reason ({@code Docker daemon not reachable at ...})
 * on a developer machine, and fail under {@code CI=true}: a CI run that silently skipped every
 * integration test would prove nothing.
 *
 * <pre>{@code
 * @DockerAvailable
 * class MyIT { ... }
 * }</pre>
 *
 * <p>The daemon is probed once per JVM, through the same rules as the tool ({@code DOCKER_HOST},
 * Docker contexts).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DockerAvailable.Check.class)
public @interface DockerAvailable {

  /** The JUnit extension behind the annotation; also usable with {@code @ExtendWith}. */
  final class Check implements ExecutionCondition, BeforeAllCallback {
    private static Probe probe;

    /** What the daemon said, or why it could not be reached. */
    public record Probe(String host, EngineInfo info, Throwable failure) {
      public boolean available() {
        return info != null;
      }

      public String reason() {
        return "Docker daemon not reachable at " + host + ": " + rootMessage(failure);
      }
    }

    /** The daemon as probed (once) in this JVM. */
    public static synchronized Probe probe() {
      if (probe == null) {
        DockerJavaEngineFactory factory = new DockerJavaEngineFactory(System.getenv());
        String host = "(unresolved)"; // an unusable Docker context fails before there is a host
        try {
          host = factory.host();
          try (DockerEngine engine = factory.connect()) {
            probe = new Probe(host, engine.info(), null);
          }
        } catch (RuntimeException e) {
          probe = new Probe(host, null, e);
        }
      }
      return probe;
    }

    static boolean onCi(Map<String, String> env) {
      return "true".equalsIgnoreCase(env.getOrDefault("CI", ""));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      Probe p = probe();
      if (p.available()) {
        return ConditionEvaluationResult.enabled(
            "Docker " + p.info().serverVersion() + " at " + p.host());
      }
      if (onCi(System.getenv())) {
        // Enabled so that beforeAll runs and fails the class loudly.
        return ConditionEvaluationResult.enabled("CI=true: a missing daemon is a failure");
      }
      return ConditionEvaluationResult.disabled(p.reason());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
      Probe p = probe();
      if (!p.available()) {
        throw new IllegalStateException(
            p.reason() + " (CI=true: integration tests must run; start dockerd, see .ci/run)",
            p.failure());
      }
    }

    private static String rootMessage(Throwable t) {
      Throwable c = t;
      while (c != null && c.getCause() != null && c.getCause() != c) {
        c = c.getCause();
      }
      return c == null ? "unknown" : c.getClass().getSimpleName() + ": " + c.getMessage();
    }
  }
}
