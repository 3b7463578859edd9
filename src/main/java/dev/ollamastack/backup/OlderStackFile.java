package dev.ollamastack.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamastack.config.MemorySize;
import dev.ollamastack.config.StarterFile;
import dev.ollamastack.model.OllamaSpec;
import dev.ollamastack.model.ServiceSpec;
import java.util.Locale;

/**
 * The {@code ollama-stack.yaml} equivalent to an installation of the older Python CLI: same name
 * (so the same volumes and network), same images, ports, limits and Open WebUI settings, mcpo with
 * the time server it ran. Values the older stack had by default are written out, commented, so the
 * file shows what was carried over.
 */
public final class OlderStackFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OlderStackFile() {}

  public static String render(OlderInstallation old) {
    StringBuilder y = new StringBuilder();
    y.append("# yaml-language-server: $schema=").append(StarterFile.SCHEMA_URL).append('\n');
    y.append("#\n");
    y.append("# Written by 'ollama-stack migrate' for the installation '")
        .append(old.project())
        .append("' of the older ollama-stack (Python CLI).\n");
    y.append("# Same name, so the same volumes (")
        .append(old.project())
        .append("_ollama_data, ")
        .append(old.project())
        .append("_webui_data) and network; its\n");
    y.append("# WEBUI_SECRET_KEY now lives in ~/.ollama-stack/")
        .append(old.project())
        .append("/secrets.env, never in this file.\n");
    y.append("apiVersion: ollama-stack/v1\nkind: Stack\nmetadata:\n  name: ")
        .append(old.project())
        .append('\n');
    y.append("spec:\n  platform: auto          # the older CLI detected it on every start too\n");
    y.append(
            "  expose: lan             # as before: ports on every interface; 'localhost' keeps them")
        .append(" on this machine\n");
    y.append("  services:\n");
    ollama(y, old);
    y.append("    webui:\n");
    image(y, old.images().get("webui"), ServiceSpec.WEBUI_IMAGE);
    port(y, old.ports().get("webui"));
    if (!old.webuiEnv().isEmpty()) {
      y.append("      env:                  # set by the older compose file\n");
      old.webuiEnv()
          .forEach((k, v) -> y.append("        ").append(k).append(": ").append(q(v)).append('\n'));
    }
    y.append("    mcpProxy:\n      enabled: ").append(old.mcpProxy()).append('\n');
    image(y, old.images().get("mcp-proxy"), ServiceSpec.MCPO_IMAGE);
    port(y, old.ports().get("mcp-proxy"));
    y.append("  extensions:\n");
    if (old.mcpProxy()) {
      y.append("    enabled: [time]         # the older mcp_proxy ran mcp-server-time\n");
      if (old.timezone() != null) {
        y.append("    settings:\n      time:\n        env:\n          TZ: ")
            .append(q(old.timezone()))
            .append("   # its --local-timezone\n");
      }
    } else {
      y.append("    enabled: []\n");
    }
    return y.toString();
  }

  private static void ollama(StringBuilder y, OlderInstallation old) {
    y.append("    ollama:\n      mode: ").append(old.ollamaMode()).append('\n');
    if (!"container".equals(old.ollamaMode())) {
      if (old.ollamaUrl() != null) {
        y.append("      url: ").append(q(old.ollamaUrl())).append('\n');
      }
      return;
    }
    image(y, old.images().get("ollama"), OllamaSpec.DEFAULT_IMAGE);
    port(y, old.ports().get("ollama"));
    if (old.ollamaMemoryBytes() != null || old.ollamaCpus() != null) {
      y.append("      resources:            # the older compose file's mem_limit and cpus\n");
      if (old.ollamaMemoryBytes() != null) {
        y.append("        memory: ")
            .append(MemorySize.format(old.ollamaMemoryBytes()))
            .append('\n');
      }
      if (old.ollamaCpus() != null) {
        double c = old.ollamaCpus();
        y.append("        cpus: ")
            .append(
                c == Math.rint(c) ? Long.toString((long) c) : String.format(Locale.ROOT, "%s", c))
            .append('\n');
      }
    }
  }

  private static void image(StringBuilder y, String image, String ours) {
    if (image != null && !image.equals(ours)) {
      y.append("      image: ").append(q(image)).append('\n');
    }
  }

  private static void port(StringBuilder y, Integer port) {
    y.append("      port: ").append(port == null ? "null" : port.toString()).append('\n');
  }

  /** A YAML double-quoted scalar (JSON's string syntax is YAML's). */
  private static String q(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The pieces of {@link OlderInstallation} an older backup tells: only its files. */
  public static OlderInstallation fromFiles(String project, String envText, String configJson) {
    return OlderInstallation.defaults(
        project, OlderConfigFile.ollamaMode(configJson), OlderConfigFile.ollamaUrl(configJson));
  }
}
