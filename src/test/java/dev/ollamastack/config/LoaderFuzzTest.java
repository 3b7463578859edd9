package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ollamastack.app.AppContext;
import dev.ollamastack.cli.Main;
import dev.ollamastack.testsupport.FakeHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated documents, from a fixed seed so a failure reproduces: mutations of the
 * examples (bytes flipped, YAML punctuation and control characters inserted, lines dropped,
 * duplicated or cut), structures of random shape (deep nesting, anchors and aliases, tags, odd
 * scalars), and sizes at and past the limits. Every one must load or be refused as an invalid stack
 * with located one-line problems: never another exception, never a stack overflow. A share also
 * runs through {@code validate} in-process: exit 0 or 3, and no stack trace.
 */
class LoaderFuzzTest {
  private static final long SEED = 17_2026L;
  private static final int DOCUMENTS = 2500;
  private static final String PUNCTUATION = ":-?[]{},&*!|>'\"%@`#\t\n \\";

  @Test
  void everyGeneratedDocumentLoadsOrIsRefusedWithLocatedOneLineProblems() throws IOException {
    Random random = new Random(SEED);
    List<byte[]> seeds = examples();
    int loaded = 0;
    int refused = 0;
    for (int i = 0; i < DOCUMENTS; i++) {
      byte[] doc = generate(random, seeds, i);
      switch (outcome(doc, i)) {
        case LOADED -> loaded++;
        case REFUSED -> refused++;
      }
    }
    // The generators reach both sides: a fuzzer that only produced garbage would prove little.
    assertThat(loaded).as("documents that loaded").isGreaterThan(DOCUMENTS / 20);
    assertThat(refused).as("documents refused").isGreaterThan(DOCUMENTS / 4);
  }

  @Test
  void theCliAnswersEveryFuzzedDocumentWithExit0Or3AndNoTrace() throws IOException {
    Random random = new Random(SEED + 1);
    List<byte[]> seeds = examples();
    Path dir = Files.createTempDirectory("fuzz-cli");
    AppContext ctx =
        new AppContext(
            Map.of(),
            dir,
            dir.resolve("home"),
            false,
            () -> {
              throw new AssertionError("validate never calls Docker");
            },
            new FakeHost());
    // One command line for all: picocli resets every option before each parse.
    var cmd = Main.commandLine(ctx, false);
    for (int i = 0; i < DOCUMENTS / 12; i++) {
      byte[] doc = generate(random, seeds, i);
      Path file = dir.resolve("stack.yaml");
      Files.write(file, doc);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      cmd.setOut(new PrintWriter(out, true));
      cmd.setErr(new PrintWriter(err, true));
      int code = cmd.execute("validate", "-f", file.toString());
      String e = err.toString();
      if (code != 0 && code != 3 || e.contains("\tat ") || e.contains("error: unexpected ")) {
        fail("document %d: exit %d%n%s%n(saved to %s)", i, code, e, save(doc, i));
      }
      if (code == 3) {
        assertThat(e.lines().filter(l -> l.startsWith("error: "))).isNotEmpty();
      }
    }
  }

  @Test
  void nestingAtAndPastTheLimitInEveryStyleIsOneLocatedProblem() {
    for (int depth : new int[] {63, 64, 65, 200, 500, 2_000, 20_000}) {
      for (String style : List.of("flow-seq", "flow-map", "block-map", "block-seq", "mixed")) {
        if (depth > 500 && style.startsWith("block")) {
          continue; // indentation alone makes such a file larger than the 1 MB refused first
        }
        byte[] doc = nested(style, depth).getBytes(StandardCharsets.UTF_8);
        Outcome o = outcome(doc, depth);
        if (depth > ExpansionGuard.MAX_DEPTH) {
          assertThat(o).as("%s nested %d deep", style, depth).isEqualTo(Outcome.REFUSED);
        }
      }
    }
  }

  enum Outcome {
    LOADED,
    REFUSED
  }

  private static Outcome outcome(byte[] doc, int n) {
    long start = System.nanoTime();
    try {
      new StackLoader(Map.of("HOME", "/home/u"), Path.of("/tmp")).parse(doc, "fuzz.yaml", null);
      return Outcome.LOADED;
    } catch (InvalidStackException e) {
      for (Problem p : e.problems()) {
        String line = p.format();
        if (line.contains("\n") || line.contains("\r") || !p.located()) {
          fail(
              "document %d: problem not one located line: %s (saved to %s)", n, line, save(doc, n));
        }
      }
      return Outcome.REFUSED;
    } catch (Throwable t) {
      throw new AssertionError(
          "document " + n + " crashed the loader (saved to " + save(doc, n) + ")", t);
    } finally {
      long ms = (System.nanoTime() - start) / 1_000_000;
      // Generous: the build machine is shared; this catches a loader that hangs, not a slow one.
      if (ms > 30_000) {
        fail("document %d took %d ms (saved to %s)", n, ms, save(doc, n));
      }
    }
  }

  private static byte[] generate(Random r, List<byte[]> seeds, int i) {
    // Documents at the size limits are slow to make and parse: one in fifty.
    if (i % 50 == 49) {
      return sized(r).getBytes(StandardCharsets.UTF_8);
    }
    return switch (i % 4) {
      case 0, 1 -> mutate(r, seeds.get(r.nextInt(seeds.size())));
      case 2 -> structure(r).getBytes(StandardCharsets.UTF_8);
      default -> tokens(r).getBytes(StandardCharsets.UTF_8);
    };
  }

  /** An example with a few random edits. */
  private static byte[] mutate(Random r, byte[] seed) {
    StringBuilder s = new StringBuilder(new String(seed, StandardCharsets.UTF_8));
    int edits = 1 + r.nextInt(6);
    for (int e = 0; e < edits && s.length() > 0; e++) {
      int at = r.nextInt(s.length());
      switch (r.nextInt(7)) {
        case 0 -> s.insert(at, PUNCTUATION.charAt(r.nextInt(PUNCTUATION.length())));
        case 1 -> s.insert(at, (char) r.nextInt(0x20)); // a control character
        case 2 -> s.deleteCharAt(at);
        case 3 -> s.setLength(at); // cut short
        case 4 -> {
          int from = s.lastIndexOf("\n", at) + 1;
          int end = s.indexOf("\n", from);
          String line = s.substring(from, end < 0 ? s.length() : end);
          s.insert(from, line + "\n"); // a duplicated line, maybe a duplicate key
        }
        case 5 ->
            s.insert(
                at,
                "${" + (r.nextBoolean() ? "X" : "NOT SET") + (r.nextBoolean() ? ":-" : "") + "}");
        default -> s.insert(at, scalar(r));
      }
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A stack document whose spec holds a random tree. */
  private static String structure(Random r) {
    StringBuilder s = new StringBuilder("apiVersion: ollama-stack/v1\nkind: Stack\n");
    s.append("spec:\n  services:\n    webui:\n      env:\n");
    int keys = r.nextInt(8);
    for (int k = 0; k < keys; k++) {
      s.append("        K").append(k).append(": ").append(value(r, 0)).append('\n');
    }
    s.append("  extensions: ").append(value(r, 0)).append('\n');
    return s.toString();
  }

  private static String value(Random r, int depth) {
    int pick = depth > 70 ? 0 : r.nextInt(depth < 3 ? 6 : 10);
    return switch (pick) {
      case 1 -> "[" + String.join(", ", values(r, depth)) + "]";
      case 2 -> {
        List<String> vs = values(r, depth);
        StringBuilder m = new StringBuilder("{");
        for (int i = 0; i < vs.size(); i++) {
          m.append(i == 0 ? "" : ", ").append("k").append(i).append(": ").append(vs.get(i));
        }
        yield m.append('}').toString();
      }
      case 3 -> "&a" + r.nextInt(3) + " " + value(r, depth + 1);
      case 4 -> "*a" + r.nextInt(3);
      case 5 ->
          "!"
              + (r.nextBoolean() ? "!int" : r.nextBoolean() ? "!binary" : "custom")
              + " "
              + scalar(r);
      case 6, 7, 8, 9 -> "[" + value(r, depth + 1) + "]";
      default -> scalar(r);
    };
  }

  private static List<String> values(Random r, int depth) {
    List<String> out = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      out.add(value(r, depth + 1));
    }
    return out;
  }

  private static String scalar(Random r) {
    String[] odd = {
      "1.10",
      "0x1F",
      "0o17",
      "-.inf",
      ".nan",
      "1e309",
      "99999999999999999999999",
      "~",
      "null",
      "true",
      "'quoted'",
      "\"esc \\e \\u0000 \\x07\"",
      "\"\\uD800\"",
      "''",
      "\"\"",
      "yes",
      "0.0.0.0",
      "${HOME}",
      "${NOPE}",
      "${:-x}",
      "$${HOME}",
      "\"\\t\\n\"",
      "-",
      "?",
      "a: b",
      "é",
      "\uD83D\uDE00"
    };
    return odd[r.nextInt(odd.length)];
  }

  /** YAML punctuation and words in random order. */
  private static String tokens(Random r) {
    String[] parts = {
      "a",
      ":",
      " ",
      "\n",
      "  ",
      "- ",
      "[",
      "]",
      "{",
      "}",
      ",",
      "&x",
      "*x",
      "!!str",
      "|",
      ">",
      "'",
      "\"",
      "#",
      "%YAML 1.1\n",
      "---\n",
      "...\n",
      "? ",
      "spec",
      "apiVersion: ollama-stack/v1",
      "\t",
      "\\",
      "@",
      "`",
      "%",
      "\u0085",
      "\uFEFF",
      "\u2028"
    };
    StringBuilder s = new StringBuilder();
    int n = 1 + r.nextInt(200);
    for (int i = 0; i < n; i++) {
      s.append(parts[r.nextInt(parts.length)]);
    }
    return s.toString();
  }

  /** Documents at the size limits: long lines, many keys, many aliases, deep nesting. */
  private static String sized(Random r) {
    String head = "apiVersion: ollama-stack/v1\nkind: Stack\nspec:\n";
    return switch (r.nextInt(5)) {
      case 0 -> head + "  x: \"" + "a".repeat(r.nextInt(1_100_000)) + "\"\n";
      case 1 -> {
        StringBuilder s = new StringBuilder(head + "  services:\n    webui:\n      env:\n");
        int n = r.nextInt(30_000);
        for (int i = 0; i < n; i++) {
          s.append("        K").append(i).append(": v\n");
        }
        yield s.toString();
      }
      case 2 -> {
        StringBuilder s = new StringBuilder(head + "  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        int n = r.nextInt(200);
        for (int i = 0; i < n; i++) {
          s.append("  b").append(i).append(": *a\n");
        }
        yield s.toString();
      }
      case 3 ->
          nested(
              List.of("flow-seq", "flow-map", "block-map", "block-seq", "mixed").get(r.nextInt(5)),
              r.nextInt(500));
      default -> head + "  services: " + "[".repeat(r.nextInt(100)) + "\n";
    };
  }

  static String nested(String style, int depth) {
    StringBuilder s = new StringBuilder("apiVersion: ollama-stack/v1\nkind: Stack\nspec:\n  x: ");
    switch (style) {
      case "flow-seq" -> s.append("[".repeat(depth)).append("]".repeat(depth));
      case "flow-map" -> s.append("{a: ".repeat(depth)).append("1").append("}".repeat(depth));
      case "block-map" -> {
        s.append('\n');
        for (int i = 0; i < depth; i++) {
          s.append(" ".repeat(i + 3)).append("k:\n");
        }
      }
      case "block-seq" -> {
        s.append('\n');
        for (int i = 0; i < depth; i++) {
          s.append(" ".repeat(i + 3)).append("-\n");
        }
      }
      default -> {
        for (int i = 0; i < depth; i++) {
          s.append(i % 2 == 0 ? "[" : "{a: ");
        }
      }
    }
    return s.append('\n').toString();
  }

  private static List<byte[]> examples() throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        out.add(Files.readAllBytes(p));
      }
    }
    return out;
  }

  private static Path save(byte[] doc, int n) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
      return Files.write(dir.resolve("document-" + n + ".yaml"), doc);
    } catch (IOException e) {
      return Path.of("(not saved: " + e.getMessage() + ")");
    }
  }
}
