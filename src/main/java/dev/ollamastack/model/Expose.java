package dev.ollamastack.model;

import java.util.Locale;

/** Where published ports listen: {@code localhost} (127.0.0.1) or {@code lan} (0.0.0.0). */
public enum Expose {
  LOCALHOST("127.0.0.1"),
  LAN("0.0.0.0");

  private final String hostIp;

  Expose(String hostIp) {
    this.hostIp = hostIp;
  }

  public String hostIp() {
    return hostIp;
  }

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Expose fromYaml(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
