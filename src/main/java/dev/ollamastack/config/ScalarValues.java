package dev.ollamastack.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.util.Locale;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Typed YAML 1.2 core-schema scalars to JSON values. */
final class ScalarValues {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ScalarValues() {}

  static JsonNode toJson(Tag tag, String text) {
    try {
      if (Tag.NULL.equals(tag)) {
        return JSON.nullNode();
      } else if (Tag.BOOL.equals(tag)) {
        return JSON.booleanNode(text.equalsIgnoreCase("true"));
      } else if (Tag.INT.equals(tag)) {
        return integer(text);
      } else if (Tag.FLOAT.equals(tag)) {
        return JSON.numberNode(floating(text));
      }
    } catch (NumberFormatException e) {
      // An explicit tag on something that is not a number (!!int abc): keep the text.
    }
    return JSON.textNode(text);
  }

  private static JsonNode integer(String text) {
    String t = text.startsWith("+") ? text.substring(1) : text;
    BigInteger value;
    if (t.startsWith("0x")) {
      value = new BigInteger(t.substring(2), 16);
    } else if (t.startsWith("0o")) {
      value = new BigInteger(t.substring(2), 8);
    } else {
      value = new BigInteger(t);
    }
    if (value.bitLength() < 32) {
      return JSON.numberNode(value.intValue());
    }
    return value.bitLength() < 64 ? JSON.numberNode(value.longValue()) : JSON.numberNode(value);
  }

  private static double floating(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return switch (t) {
      case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
      case "-.inf" -> Double.NEGATIVE_INFINITY;
      case ".nan" -> Double.NaN;
      default -> Double.parseDouble(t);
    };
  }
}
