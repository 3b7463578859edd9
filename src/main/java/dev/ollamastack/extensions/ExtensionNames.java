package dev.ollamastack.extensions;

/** Docker names of an extension's resources (DESIGN.md §2). */
public final class ExtensionNames {
  private ExtensionNames() {}

  /** {@code <installation>-ext-<extension>}. */
  public static String container(String installation, String extension) {
    return installation + "-ext-" + extension;
  }

  /** {@code <installation>_ext_<extension>_<volume>}. */
  public static String volume(String installation, String extension, String volume) {
    return installation + "_ext_" + extension + "_" + volume;
  }
}
