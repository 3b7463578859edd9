package dev.ollamastack.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The JSON Schema of {@code ollama-stack.yaml}, read from the jar (the same file editors use, so
 * the tool and the editor never disagree), compiled once.
 */
final class StackSchema {
  static final String RESOURCE = "/schemas/ollama-stack.schema.json";
  static final String EXTENSION_RESOURCE = "/schemas/extension.schema.json";

  /**
   * Our annotation: the plain-English expectation of a field ("an integer between 1 and 65535"),
   * used to word errors. Editors ignore it; networknt would log it as unknown without this.
   */
  static final String EXPECTED = "x-expected";

  private static final class Holder {
    static final StackSchema INSTANCE = load(RESOURCE);
  }

  private static final class ExtensionHolder {
    static final StackSchema INSTANCE = load(EXTENSION_RESOURCE);
  }

  private final JsonNode document;
  private final JsonSchema schema;

  private StackSchema(JsonNode document, JsonSchema schema) {
    this.document = document;
    this.schema = schema;
  }

  static StackSchema get() {
    return Holder.INSTANCE;
  }

  /** The schema of an extension's {@code extension.yaml}. */
  static StackSchema extension() {
    return ExtensionHolder.INSTANCE;
  }

  /** The schema as JSON, to look up what a failing keyword's field expects. */
  JsonNode document() {
    return document;
  }

  Set<ValidationMessage> validate(JsonNode instance) {
    return schema.validate(instance);
  }

  /** The schema node at a fragment path such as {@code /$defs/port/minimum}. */
  JsonNode at(JsonNodePath fragment) {
    JsonNode node = document;
    for (int i = 0; i < fragment.getNameCount(); i++) {
      Object element = fragment.getElement(i);
      node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
    }
    return node;
  }

  private static StackSchema load(String resource) {
    try (InputStream in = StackSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      JsonNode document = new ObjectMapper().readTree(in);
      JsonMetaSchema meta =
          JsonMetaSchema.builder(JsonMetaSchema.getV202012())
              .keyword(new AnnotationKeyword(EXPECTED))
              .build();
      JsonSchemaFactory factory =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, b -> b.metaSchema(meta));
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
      return new StackSchema(document, factory.getSchema(document, config));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
