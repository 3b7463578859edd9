package dev.ollamastack.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives a stack file another {@code metadata.name} ({@code restore --as}), changing only that value
 * and keeping every comment and line of the user's file.
 */
public final class StackRename {
  private static final Pattern METADATA = Pattern.compile("^metadata:[ \\t]*(#.*)?$");
  private static final Pattern NAME = Pattern.compile("^([ \\t]+name:[ \\t]*)([^#\\s]*)(.*)$");
  private static final Pattern TOP = Pattern.compile("^[^\\s#].*$");

  private StackRename() {}

  /**
   * The file with {@code metadata.name: newName}.
   *
   * @throws IllegalArgumentException when {@code metadata} is written in a form this edit does not
   *     handle (flow style), so the caller can tell the user to edit it
   */
  public static String rename(String text, String newName) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("metadata:") && !METADATA.matcher(lines[i]).matches()) {
        throw new IllegalArgumentException("metadata is not a block mapping");
      }
      if (METADATA.matcher(lines[i]).matches()) {
        for (int j = i + 1; j < lines.length && !TOP.matcher(lines[j]).matches(); j++) {
          Matcher m = NAME.matcher(lines[j]);
          if (m.matches()) {
            lines[j] = m.group(1) + newName + m.group(3);
            return String.join("\n", lines);
          }
        }
        lines[i] = lines[i] + "\n  name: " + newName;
        return String.join("\n", lines);
      }
    }
    String sep = text.endsWith("\n") || text.isEmpty() ? "" : "\n";
    return text + sep + "metadata:\n  name: " + newName + "\n";
  }
}
