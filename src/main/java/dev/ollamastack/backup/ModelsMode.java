package dev.ollamastack.backup;

import java.util.Locale;

/** How a backup keeps Ollama's model weights ({@code --models}). */
public enum ModelsMode {
  /** Each blob once in the shared content-addressed store beside the backups. */
  BLOBS,
  /** Only model names and digests: restore pulls them again. */
  LIST;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
