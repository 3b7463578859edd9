package dev.ollamastack.config;

import dev.ollamastack.extensions.ManifestReader;
import dev.ollamastack.model.ExtensionManifest;
import dev.ollamastack.model.ExtensionManifest.McpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The user's extensions: each directory {@code <path>/<name>} holding an {@code extension.yaml}
 * under {@code spec.extensions.paths} (relative paths from the stack file's directory), validated
 * against {@code schemas/extension.schema.json} with every problem at its {@code file:line:col}.
 */
public final class ExtensionManifests {
  public static final String FILE = "extension.yaml";

  /** What the paths hold: the manifests that are valid, and the problems of the others. */
  public record Found(
      Map<String, ExtensionManifest> manifests, Map<String, List<Problem>> invalid) {}

  private ExtensionManifests() {}

  public static Found find(Path baseDir, List<String> paths) {
    Map<String, ExtensionManifest> found = new TreeMap<>();
    Map<String, List<Problem>> invalid = new TreeMap<>();
    for (String p : paths) {
      Path dir = baseDir.resolve(p);
      if (!Files.isDirectory(dir)) {
        continue; // the default ./extensions need not exist
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
        for (Path e : entries) {
          String name = e.getFileName().toString();
          Path file = e.resolve(FILE);
          if (found.containsKey(name) || invalid.containsKey(name)) {
            continue; // the first path that has it wins, as on a PATH
          }
          List<Problem> problems = new ArrayList<>();
          ExtensionManifest m = read(file, name, problems);
          if (m != null && problems.isEmpty()) {
            found.put(name, m);
          } else {
            invalid.put(name, problems);
          }
        }
      } catch (IOException e) {
        // An unreadable directory contributes nothing; the unknown-name error lists what exists.
      }
    }
    return new Found(found, invalid);
  }

  /** Reads and validates one manifest; {@code null} with the problems when it is not valid. */
  static ExtensionManifest read(Path file, String dirName, List<Problem> problems) {
    String display = file.toString();
    if (!Files.isRegularFile(file)) {
      problems.add(Problem.ofFile(display, "missing: an extension directory needs " + FILE));
      return null;
    }
    try {
      String text = StackText.decode(display, Files.readAllBytes(file));
      Node root = YamlParser.parse(text, display).orElse(null);
      if (root == null) {
        problems.add(Problem.atStart(display, "the file is empty"));
        return null;
      }
      DocumentShape.requireMapping(root, display);
      TreeBuilder.Result tree = TreeBuilder.build(root, display, new Interpolator(Map.of()));
      problems.addAll(tree.problems());
      StackSchema schema = StackSchema.extension();
      problems.addAll(
          new SchemaProblems(schema, tree.sources(), display)
              .translate(schema.validate(tree.root())));
      if (!problems.isEmpty()) {
        return null;
      }
      ExtensionManifest m = ManifestReader.read(tree.root(), display);
      rules(m, dirName, display, tree.sources(), problems);
      return problems.isEmpty() ? m : null;
    } catch (InvalidStackException e) {
      problems.addAll(e.problems());
      return null;
    } catch (IOException e) {
      problems.add(Problem.ofFile(display, "cannot be read (" + e.getMessage() + ")"));
      return null;
    }
  }

  /** What the schema cannot say: the name, and how a remote server is reached. */
  private static void rules(
      ExtensionManifest m, String dirName, String file, SourceMap sources, List<Problem> out) {
    if (!m.name().equals(dirName)) {
      out.add(
          at(
              file,
              sources,
              "metadata.name",
              "is \""
                  + m.name()
                  + "\" but the directory is \""
                  + dirName
                  + "\": they must be the same"));
    }
    if (m.server() instanceof McpServer.Remote r) {
      if (r.url() == null && m.container() == null) {
        out.add(
            at(file, sources, "spec.remote", "needs a url, or a spec.container that serves it"));
      }
      if (r.url() != null && m.container() != null) {
        out.add(
            at(
                file,
                sources,
                "spec.remote.url",
                "names another server, but spec.container is the one mcpo should connect to;"
                    + " remove one of them"));
      }
      if (m.container() != null && r.url() == null && r.port() == null) {
        out.add(at(file, sources, "spec.remote", "needs the port the container serves MCP on"));
      }
    }
  }

  private static Problem at(String file, SourceMap sources, String path, String message) {
    SourceMap.Location where = sources.value(path);
    return new Problem(file, where.line(), where.column(), path, message);
  }

  /** The manifest's text, for {@code extensions info}. */
  public static String text(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
