package dev.ollamastack.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a schema field expects and what the user gave, worded for error messages. */
final class Expectations {
  private Expectations() {}

  /**
   * The {@code x-expected} text of the field a failing keyword belongs to. Climbs out of {@code
   * oneOf} branches and {@code items} to the field's own schema, never into the enclosing object.
   */
  static Optional<String> near(StackSchema schema, JsonNodePath keyword) {
    for (JsonNodePath p = keyword.getParent(); p != null; p = p.getParent()) {
      Optional<String> found = of(schema, schema.at(p));
      if (found.isPresent()) {
        return found;
      }
      int n = p.getNameCount();
      if (n < 2 || isNamedSchema(p.getElement(n - 2))) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The {@code x-expected} text of a schema node, following one {@code $ref}. */
  static Optional<String> of(StackSchema schema, JsonNode node) {
    if (node.has(StackSchema.EXPECTED)) {
      return Optional.of(node.get(StackSchema.EXPECTED).asText());
    }
    String ref = node.path("$ref").asText("");
    if (ref.startsWith("#/")) {
      JsonNode target = schema.document().at(ref.substring(1));
      return target.has(StackSchema.EXPECTED)
          ? Optional.of(target.get(StackSchema.EXPECTED).asText())
          : Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean isNamedSchema(Object segment) {
    return "properties".equals(segment) || "$defs".equals(segment);
  }

  /** {@code must be one of a, b, c (got x)} plus a suggestion when the value looks like a typo. */
  static String oneOf(JsonNode enumValues, JsonNode value) {
    List<String> allowed = new ArrayList<>();
    enumValues.forEach(v -> allowed.add(v.asText()));
    String text = "must be one of " + String.join(", ", allowed) + " (got " + describe(value) + ")";
    if (value != null && value.isTextual()) {
      return DidYouMean.suggest(value.asText(), allowed)
          .map(s -> text + ", did you mean \"" + s + "\"?")
          .orElse(text);
    }
    return text;
  }

  /** JSON Schema type names as a user reads them. */
  static String types(JsonNode type) {
    List<String> names = new ArrayList<>();
    if (type.isArray()) {
      type.forEach(t -> names.add(t.asText()));
    } else {
      names.add(type.asText());
    }
    if (names.size() > 1) {
      names.remove("null");
    }
    return String.join(" or ", names.stream().map(Expectations::typeName).toList());
  }

  private static String typeName(String type) {
    return switch (type) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "boolean" -> "true or false";
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "string" -> "a string";
      default -> "empty";
    };
  }

  /** The user's value, briefly: strings quoted, collections by kind. */
  static String describe(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    } else if (value.isNull()) {
      return "an empty value";
    } else if (value.isObject()) {
      return "a mapping";
    } else if (value.isArray()) {
      return "a list";
    } else if (value.isTextual()) {
      String s = value.asText();
      return "\"" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "\"";
    }
    return value.asText();
  }
}
