package dev.ollamastack.engine.docker;

import java.util.Map;

/**
 * Where and how to reach the daemon, as resolved by {@link DockerContexts}.
 *
 * @param host the engine URI ({@code unix://...}, {@code tcp://...})
 * @param context the context that named it, or {@code null} ({@code DOCKER_HOST}, default)
 * @param tlsVerify whether to speak TLS and verify the daemon's certificate
 * @param certPath directory holding {@code ca.pem}, {@code cert.pem}, {@code key.pem}, or {@code
 *     null}
 */
record DockerEndpoint(String host, String context, boolean tlsVerify, String certPath) {

  /** {@code host} with TLS taken from {@code DOCKER_TLS_VERIFY}/{@code DOCKER_CERT_PATH}. */
  static DockerEndpoint fromEnv(String host, Map<String, String> env) {
    String verify = env.get("DOCKER_TLS_VERIFY");
    boolean tls = verify != null && !verify.isEmpty() && !"0".equals(verify);
    return new DockerEndpoint(host, null, tls, tls ? env.get("DOCKER_CERT_PATH") : null);
  }
}
