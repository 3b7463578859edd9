package dev.ollamastack.config;

/**
 * One thing wrong (or worth a warning) in a stack file, located as precisely as the input allows.
 *
 * @param file the file name as the user gave it
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param path dotted path of the offending value ({@code spec.services.webui.port}), or empty when
 *     the problem is about the whole file
 * @param message plain-English description, e.g. {@code must be an integer between 1 and 65535}
 */
public record Problem(String file, int line, int column, String path, String message) {

  public Problem {
    path = oneLine(path == null ? "" : path);
    message = oneLine(message == null ? "" : message);
  }

  /**
   * The text with every control character written as an escape ({@code \n}, {@code U+0007}): a
   * problem is one line, whatever the input or the parser's message quoted from it.
   */
  public static String oneLine(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                  if (Character.getType(cp) == Character.CONTROL || cp == 0x2028 || cp == 0x2029) {
                    sb.append(String.format("U+%04X", cp));
                  } else {
                    sb.appendCodePoint(cp);
                  }
                }
              }
            });
    return sb.toString();
  }

  /** A problem about a file that cannot be read, so it has no position. */
  public static Problem ofFile(String file, String message) {
    return new Problem(file, 0, 0, "", message);
  }

  /**
   * A problem about the whole text of a file (empty, too large): placed at line 1, column 1, so
   * editors and {@code file:line:col} parsers still jump to the file.
   */
  public static Problem atStart(String file, String message) {
    return new Problem(file, 1, 1, "", message);
  }

  /** Whether the position is known. */
  public boolean located() {
    return line > 0;
  }

  /** {@code file:LINE:COL: path: message}, leaving out the parts that are unknown. */
  public String format() {
    StringBuilder s = new StringBuilder(file);
    if (located()) {
      s.append(':').append(line).append(':').append(column);
    }
    s.append(": ");
    if (!path.isEmpty()) {
      s.append(path).append(": ");
    }
    return s.append(message).toString();
  }
}
