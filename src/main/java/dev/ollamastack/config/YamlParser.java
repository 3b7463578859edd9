package dev.ollamastack.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Text to a YAML node graph (YAML 1.2 core schema, so {@code no} and {@code on} stay strings),
 * keeping marks. Composing stops at nodes: duplicate keys, keys that are lists and types are judged
 * later, where every problem can be collected instead of failing on the first. The events pass an
 * {@link ExpansionGuard}, so the graph is safe to expand into a tree.
 */
final class YamlParser {
  static final LoadSettings SETTINGS =
      LoadSettings.builder()
          .setSchema(new CoreSchema())
          .setAllowDuplicateKeys(true) // TreeBuilder reports them with both locations
          .setAllowNonScalarKeys(true) // TreeBuilder reports them at the key
          .setMaxAliasesForCollections(ExpansionGuard.MAX_COLLECTION_ALIASES)
          .build();

  private YamlParser() {}

  /** The document's root node, or empty when the file holds nothing but comments. */
  static Optional<Node> parse(String text, String file) {
    StreamReader reader = new StreamReader(SETTINGS, text);
    var events = new ExpansionGuard(new ParserImpl(SETTINGS, reader), file);
    try {
      return new Composer(SETTINGS, events).getSingleNode();
    } catch (YamlEngineException e) {
      throw SyntaxProblems.of(e, text, file, reader.getMark());
    }
  }
}
