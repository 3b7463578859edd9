package dev.ollamastack.model;

/** Model names as Ollama compares them. */
public final class ModelNames {
  private ModelNames() {}

  /** {@code llama3.2}, {@code llama3.2:latest} and {@code library/llama3.2} name the same model. */
  public static String normalize(String model) {
    String name = model.contains(":") ? model : model + ":latest";
    return name.startsWith("library/") ? name.substring("library/".length()) : name;
  }

  public static boolean same(String a, String b) {
    return normalize(a).equals(normalize(b));
  }
}
