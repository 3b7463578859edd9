package dev.ollamastack.app.check;

/**
 * One line of the environment report.
 *
 * @param detail what was found, one line
 * @param hint what to do about it, or {@code null} when nothing is needed
 */
public record CheckItem(String name, CheckStatus status, String detail, String hint) {
  public static CheckItem pass(String name, String detail) {
    return new CheckItem(name, CheckStatus.PASS, detail, null);
  }

  public static CheckItem warn(String name, String detail, String hint) {
    return new CheckItem(name, CheckStatus.WARN, detail, hint);
  }

  public static CheckItem fail(String name, String detail, String hint) {
    return new CheckItem(name, CheckStatus.FAIL, detail, hint);
  }

  public static CheckItem skip(String name, String detail) {
    return new CheckItem(name, CheckStatus.SKIP, detail, null);
  }
}
