package dev.ollamastack.app;

import dev.ollamastack.app.host.HostProbe;
import dev.ollamastack.config.Redactor;
import dev.ollamastack.engine.EngineFactory;
import dev.ollamastack.health.EndToEnd;
import dev.ollamastack.model.Target;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a user intent may read of the world, passed in so tests can replace any of it.
 *
 * @param env environment variables
 * @param cwd working directory: relative paths in the stack file resolve against it
 * @param stateHome {@code $OLLAMA_STACK_HOME}, default {@code ~/.ollama-stack}
 * @param interactive whether stdin is a terminal (confirmation prompts are possible)
 * @param engines how to reach Docker; only called by intents that need it
 * @param host the machine the CLI runs on (platform detection, {@code check}); nothing else reads
 *     the host's {@code PATH}, files or {@code os.*} properties
 * @param redactor where intents register the secrets they learn, so no output shows them
 * @param endToEnd how {@code status}, {@code check} and {@code apply} run the end-to-end checks
 *     (HTTP to the services, commands in their containers): {@link EndToEnd#NONE} in contexts made
 *     for fakes, which have no services behind them
 * @param target {@code --target}: overrides the stack file's {@code spec.target}, or {@code null}
 */
public record AppContext(
    Map<String, String> env,
    Path cwd,
    Path stateHome,
    boolean interactive,
    EngineFactory engines,
    HostProbe host,
    Redactor redactor,
    EndToEnd endToEnd,
    Target target) {

  public AppContext {
    env = Map.copyOf(env);
    redactor = redactor == null ? new Redactor() : redactor;
    endToEnd = endToEnd == null ? EndToEnd.NONE : endToEnd;
  }

  /** A context that keeps the stack file's target. */
  public AppContext(
      Map<String, String> env,
      Path cwd,
      Path stateHome,
      boolean interactive,
      EngineFactory engines,
      HostProbe host,
      Redactor redactor,
      EndToEnd endToEnd) {
    this(env, cwd, stateHome, interactive, engines, host, redactor, endToEnd, null);
  }

  /**
   * A context whose secrets are masked in nothing but what it registers itself, and which runs no
   * end-to-end checks (tests).
   */
  public AppContext(
      Map<String, String> env,
      Path cwd,
      Path stateHome,
      boolean interactive,
      EngineFactory engines,
      HostProbe host) {
    this(env, cwd, stateHome, interactive, engines, host, new Redactor(), EndToEnd.NONE);
  }

  /**
   * The default state home for an environment: {@code $OLLAMA_STACK_HOME} or {@code
   * ~/.ollama-stack}.
   */
  public static Path defaultStateHome(Map<String, String> env) {
    String home = env.get("OLLAMA_STACK_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".ollama-stack");
  }

  public AppContext withEngines(EngineFactory f) {
    return new AppContext(env, cwd, stateHome, interactive, f, host, redactor, endToEnd, target);
  }

  public AppContext withHost(HostProbe h) {
    return new AppContext(env, cwd, stateHome, interactive, engines, h, redactor, endToEnd, target);
  }

  public AppContext withEndToEnd(EndToEnd e) {
    return new AppContext(env, cwd, stateHome, interactive, engines, host, redactor, e, target);
  }

  public AppContext withTarget(Target t) {
    return new AppContext(env, cwd, stateHome, interactive, engines, host, redactor, endToEnd, t);
  }
}
