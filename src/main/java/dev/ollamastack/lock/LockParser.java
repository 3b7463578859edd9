package dev.ollamastack.lock;

import dev.ollamastack.model.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads the lock file's YAML into a {@link StackLock}, refusing anything else at its line and
 * column (exit 3): a lock that is misread would run other software than it says.
 */
final class LockParser {
  private static final Pattern IMAGE_DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern MODEL_DIGEST = Pattern.compile("(sha256:)?[0-9a-f]{12,64}");
  private static final String HINT =
      "the lock is written by 'ollama-stack apply' and 'update': restore it from version control,"
          + " or delete it and run 'ollama-stack apply' to pin what runs now";

  private final String file;

  private LockParser(String file) {
    this.file = file;
  }

  static StackLock parse(String text, String file) {
    return new LockParser(file).parse(text);
  }

  private StackLock parse(String text) {
    Node root;
    try {
      LoadSettings settings = LoadSettings.builder().setLabel(file).build();
      Optional<Node> node =
          new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)))
              .getSingleNode();
      root = node.orElseThrow(() -> fail(null, "the file is empty"));
    } catch (MarkedYamlEngineException e) {
      throw fail(e.getProblemMark().orElse(null), "not valid YAML: " + e.getProblem());
    } catch (YamlEngineException e) {
      throw fail(null, "not valid YAML: " + e.getMessage());
    }
    Map<String, Node> top = mapping(root, "the document");
    Node version = top.get("lockVersion");
    if (version == null) {
      throw fail(root.getStartMark().orElse(null), "lockVersion is missing");
    }
    String v = scalar(version, "lockVersion");
    if (!v.matches("\\d+") || Integer.parseInt(v) != StackLock.FORMAT_VERSION) {
      throw fail(
          mark(version),
          "lockVersion "
              + v
              + " is not "
              + StackLock.FORMAT_VERSION
              + " (written by a newer tool?)");
    }
    Node tool = top.get("toolVersion");
    return new StackLock(
        tool == null ? null : scalar(tool, "toolVersion"),
        digests(top.get("images"), "images", IMAGE_DIGEST),
        digests(top.get("models"), "models", MODEL_DIGEST));
  }

  private Map<String, String> digests(Node node, String what, Pattern digest) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    for (Map.Entry<String, Node> e : mapping(node, what).entrySet()) {
      String value = scalar(e.getValue(), what + "." + e.getKey());
      if (!digest.matcher(value).matches()) {
        throw fail(mark(e.getValue()), what + "." + e.getKey() + ": not a digest: " + value);
      }
      out.put(e.getKey(), value);
    }
    return out;
  }

  private Map<String, Node> mapping(Node node, String what) {
    if (!(node instanceof MappingNode m)) {
      throw fail(mark(node), what + " must be a mapping");
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = scalar(t.getKeyNode(), what + " key");
      if (out.put(key, t.getValueNode()) != null) {
        throw fail(mark(t.getKeyNode()), "duplicate key " + key);
      }
    }
    return out;
  }

  private String scalar(Node node, String what) {
    if (!(node instanceof ScalarNode s)) {
      throw fail(mark(node), what + " must be a string");
    }
    return s.getValue();
  }

  private static Mark mark(Node n) {
    return n.getStartMark().orElse(null);
  }

  private ToolException fail(Mark at, String problem) {
    String where = at == null ? file : file + ":" + (at.getLine() + 1) + ":" + (at.getColumn() + 1);
    return ToolException.invalidInput(where + ": " + problem, HINT);
  }
}
