package dev.ollamastack.config;

import dev.ollamastack.model.Secrets;
import java.nio.file.Path;
import java.util.Optional;

/** TEMPORARY stand-in until the real store lands from feat/config. */
public final class SecretStore {
  public SecretStore(Path stateHome) {}

  public Optional<Secrets> load(String installation) {
    return Optional.of(new Secrets("k1", "k2"));
  }

  public Secrets loadOrCreate(String installation) {
    return new Secrets("k1", "k2");
  }
}
