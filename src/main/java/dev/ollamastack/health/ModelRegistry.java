package dev.ollamastack.health;

import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Asks a model's registry which manifest its tag points at now, without pulling: Ollama's registry
 * ({@code registry.ollama.ai}) speaks the OCI distribution API, and the digest of the manifest it
 * serves ({@code Docker-Content-Digest}, else the SHA-256 of the body) is what Ollama's {@code
 * /api/tags} reports as the local model's {@code digest} once pulled.
 */
public final class ModelRegistry {
  /** Where a model name without a host comes from. */
  public static final String DEFAULT_HOST = "registry.ollama.ai";

  private static final String ACCEPT =
      "application/vnd.docker.distribution.manifest.v2+json,"
          + " application/vnd.oci.image.manifest.v1+json";

  private final Duration timeout;

  public ModelRegistry(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * A model name as Ollama reads it: {@code [host/][namespace/]model[:tag]}, namespace {@code
   * library} and tag {@code latest} by default.
   */
  public record ModelName(String host, String namespace, String model, String tag) {
    public static ModelName parse(String name) {
      String n = name.trim();
      String tag = "latest";
      int slash = n.lastIndexOf('/');
      int colon = n.lastIndexOf(':');
      if (colon > slash) {
        tag = n.substring(colon + 1);
        n = n.substring(0, colon);
      }
      String[] parts = n.split("/");
      return switch (parts.length) {
        case 1 -> new ModelName(DEFAULT_HOST, "library", parts[0], tag);
        case 2 -> new ModelName(DEFAULT_HOST, parts[0], parts[1], tag);
        default ->
            new ModelName(
                parts[0],
                parts[1],
                String.join("/", java.util.Arrays.copyOfRange(parts, 2, parts.length)),
                tag);
      };
    }

    /** {@code host/namespace/model:tag}: two spellings of one model compare equal. */
    public String full() {
      return host + "/" + namespace + "/" + model + ":" + tag;
    }

    /**
     * Plain HTTP for a registry on the loopback address (as Docker allows for insecure registries
     * on 127.0.0.0/8 and localhost), HTTPS for every other.
     */
    public URI manifestUri() {
      return URI.create(
          (loopback(host) ? "http" : "https")
              + "://"
              + host
              + "/v2/"
              + namespace
              + "/"
              + model
              + "/manifests/"
              + tag);
    }

    static boolean loopback(String host) {
      String h = host.toLowerCase(Locale.ROOT);
      if (h.startsWith("[")) {
        return h.startsWith("[::1]");
      }
      int colon = h.indexOf(':');
      String bare = colon < 0 ? h : h.substring(0, colon);
      return bare.equals("localhost") || bare.startsWith("127.");
    }
  }

  /**
   * The digest ({@code sha256:<hex>}) the registry serves for {@code name} now.
   *
   * @throws IOException naming the registry and its answer when it cannot tell
   */
  public String digest(String name) throws IOException {
    URI uri = ModelName.parse(name).manifestUri();
    Http.Response r;
    try {
      r = Http.get(uri, timeout, Map.of("Accept", ACCEPT));
    } catch (IOException e) {
      throw new IOException(
          uri.getAuthority()
              + " is unreachable ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + ")",
          e);
    }
    if (r.status() != 200) {
      throw new IOException(
          uri.getAuthority()
              + " answered HTTP "
              + r.status()
              + (r.status() == 404 ? " (no such model or tag)" : ""));
    }
    return r.header("Docker-Content-Digest")
        .filter(d -> d.startsWith("sha256:"))
        .orElseGet(() -> "sha256:" + sha256(r.body()));
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
