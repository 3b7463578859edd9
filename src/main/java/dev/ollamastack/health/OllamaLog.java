package dev.ollamastack.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Ollama's log says about its GPUs. At start it logs one line per compute device it will use
 * (Go's slog, logfmt): {@code msg="inference compute" id=GPU-… library=CUDA … description="NVIDIA
 * GeForce RTX 4090" … total="24.0 GiB"}, or {@code id=cpu library=cpu} (older releases {@code id=0
 * library=cpu}, after {@code msg="no compatible GPUs were discovered"}) when it found none
 * (ollama/ollama {@code discover/types.go}; real-images.md §7).
 */
final class OllamaLog {
  private static final Pattern FIELD = Pattern.compile("(\\w+)=(\"((?:[^\"\\\\]|\\\\.)*)\"|\\S*)");

  private OllamaLog() {}

  /** One {@code inference compute} line: its fields. */
  record Device(Map<String, String> fields) {
    String library() {
      return fields.getOrDefault("library", "");
    }

    boolean gpu() {
      String lib = library().toLowerCase(Locale.ROOT);
      return !lib.isEmpty() && !lib.equals("cpu");
    }

    /** {@code CUDA NVIDIA GeForce RTX 4090 (24.0 GiB)}, from what the line has. */
    String describe() {
      String name = fields.getOrDefault("description", fields.getOrDefault("name", ""));
      String total = fields.getOrDefault("total", "");
      return (library()
              + (name.isEmpty() ? "" : " " + name)
              + (total.isEmpty() ? "" : " (" + total + ")"))
          .strip();
    }
  }

  /** The devices of the {@code inference compute} lines, in log order. */
  static List<Device> devices(List<String> lines) {
    List<Device> out = new ArrayList<>();
    for (String line : lines) {
      if (line.contains("msg=\"inference compute\"")) {
        out.add(new Device(fields(line)));
      }
    }
    return out;
  }

  /** The first line containing {@code needle}, any case. */
  static Optional<String> first(List<String> lines, String needle) {
    String n = needle.toLowerCase(Locale.ROOT);
    return lines.stream().filter(l -> l.toLowerCase(Locale.ROOT).contains(n)).findFirst();
  }

  static Map<String, String> fields(String line) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = FIELD.matcher(line);
    while (m.find()) {
      String value = m.group(3) != null ? m.group(3).replace("\\\"", "\"") : m.group(2);
      out.putIfAbsent(m.group(1), value);
    }
    return out;
  }
}
