package dev.ollamastack.config;

import dev.ollamastack.model.ExtensionsSpec;
import dev.ollamastack.model.ExtensionsSpec.ExtensionSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Host directories in extension settings as Docker needs them: absolute, {@code ~} as the user's
 * home, relative paths from the stack file's directory (like {@code paths} and backups).
 */
final class ExtensionDirectories {
  private ExtensionDirectories() {}

  static ExtensionsSpec resolve(ExtensionsSpec e, Path baseDir, Map<String, String> env) {
    Map<String, ExtensionSettings> out = new LinkedHashMap<>();
    e.settings()
        .forEach(
            (name, s) ->
                out.put(
                    name,
                    s.directory() == null
                        ? s
                        : new ExtensionSettings(
                            s.env(), absolute(s.directory(), baseDir, env), s.readOnly())));
    return new ExtensionsSpec(e.enabled(), e.paths(), out, e.manifests());
  }

  private static String absolute(String dir, Path baseDir, Map<String, String> env) {
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    String expanded = dir.equals("~") ? home : dir.startsWith("~/") ? home + dir.substring(1) : dir;
    return baseDir.resolve(expanded).normalize().toAbsolutePath().toString();
  }
}
