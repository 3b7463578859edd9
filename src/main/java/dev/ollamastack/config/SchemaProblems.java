package dev.ollamastack.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import dev.ollamastack.config.SourceMap.Location;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewords networknt's validation messages as plain English pointing at a line and column: the
 * field's {@code x-expected} annotation says what it must be; unknown keys get a "did you mean";
 * the several messages one bad value causes under {@code oneOf} collapse into one.
 */
final class SchemaProblems {
  private final StackSchema schema;
  private final SourceMap sources;
  private final String file;

  SchemaProblems(StackSchema schema, SourceMap sources, String file) {
    this.schema = schema;
    this.sources = sources;
    this.file = file;
  }

  List<Problem> translate(Collection<ValidationMessage> messages) {
    Set<String> oneOfFailed = new java.util.HashSet<>();
    for (ValidationMessage m : messages) {
      if ("oneOf".equals(m.getType())) {
        oneOfFailed.add(dotted(m.getInstanceLocation()));
      }
    }
    Set<Problem> unique = new LinkedHashSet<>();
    for (ValidationMessage m : messages) {
      if (!branchOfFailedOneOf(m, oneOfFailed)) {
        unique.add(translate(m));
      }
    }
    List<Problem> kept = new ArrayList<>();
    for (Problem p : unique) {
      boolean repeatsAncestor =
          unique.stream()
              .anyMatch(
                  q ->
                      DottedPath.isInside(p.path(), q.path())
                          && expectation(q).equals(expectation(p)));
      if (!repeatsAncestor) {
        kept.add(p);
      }
    }
    kept.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    return kept;
  }

  /**
   * A key one branch of a failed {@code oneOf} requires, at the value the {@code oneOf} message
   * already names: listing every branch's missing key would ask for all of them at once.
   */
  private static boolean branchOfFailedOneOf(ValidationMessage m, Set<String> oneOfFailed) {
    return "required".equals(m.getType())
        && m.getSchemaLocation().toString().contains("/oneOf/")
        && oneOfFailed.contains(dotted(m.getInstanceLocation()));
  }

  private Problem translate(ValidationMessage m) {
    String at = dotted(m.getInstanceLocation());
    JsonNodePath keyword = m.getSchemaLocation().getFragment();
    return switch (m.getType()) {
      case "additionalProperties" -> {
        String key = DottedPath.child(at, m.getProperty());
        yield atKey(key, unknownKey(m.getProperty(), schema.at(keyword.getParent())));
      }
      case "propertyNames" -> {
        String key = DottedPath.child(at, m.getProperty());
        String expected = Expectations.of(schema, schema.at(keyword)).orElse("a valid name");
        yield atKey(key, "invalid key \"" + m.getProperty() + "\": must be " + expected);
      }
      case "required" -> atValue(at, "missing required key \"" + m.getProperty() + "\"");
      default -> atValue(at, mustBe(m, keyword));
    };
  }

  private String mustBe(ValidationMessage m, JsonNodePath keyword) {
    JsonNode value = m.getInstanceNode();
    String got = " (got " + Expectations.describe(value) + ")";
    var expected = Expectations.near(schema, keyword);
    if (expected.isPresent()) {
      return "must be " + expected.get() + got;
    }
    JsonNode rule = schema.at(keyword);
    return switch (m.getType()) {
      case "enum" -> Expectations.oneOf(rule, value);
      case "type" -> "must be " + Expectations.types(rule) + got;
      case "const" -> "must be " + rule + got;
      default -> stripPath(m.getMessage());
    };
  }

  private String unknownKey(String key, JsonNode objectSchema) {
    List<String> allowed = new ArrayList<>();
    objectSchema.path("properties").fieldNames().forEachRemaining(allowed::add);
    return DidYouMean.suggest(key, allowed)
        .map(s -> "unknown key \"" + key + "\", did you mean \"" + s + "\"?")
        .orElseGet(
            () -> "unknown key \"" + key + "\" (allowed: " + String.join(", ", allowed) + ")");
  }

  private Problem atKey(String path, String message) {
    Location at = sources.key(path);
    return new Problem(file, at.line(), at.column(), path, message);
  }

  private Problem atValue(String path, String message) {
    Location at = sources.value(path);
    return new Problem(file, at.line(), at.column(), path, message);
  }

  /** The message without its "(got ...)": what one rule demands, whatever value broke it. */
  private static String expectation(Problem p) {
    int cut = p.message().lastIndexOf(" (got ");
    return cut < 0 ? p.message() : p.message().substring(0, cut);
  }

  static String dotted(JsonNodePath pointer) {
    String path = "";
    for (int i = 0; i < pointer.getNameCount(); i++) {
      Object e = pointer.getElement(i);
      path =
          e instanceof Integer index
              ? DottedPath.index(path, index)
              : DottedPath.child(path, e.toString());
    }
    return path;
  }

  private static String stripPath(String message) {
    int cut = message.indexOf(": ");
    return cut < 0 ? message : message.substring(cut + 2);
  }
}
