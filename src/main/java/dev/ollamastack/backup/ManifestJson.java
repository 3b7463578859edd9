package dev.ollamastack.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** {@code manifest.json} to and from bytes. */
public final class ManifestJson {
  // Unknown fields are ignored: a newer tool of the same format version may add some.
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private ManifestJson() {}

  public static byte[] write(Manifest m) {
    try {
      return (MAPPER.writeValueAsString(m) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses and checks a manifest; exit 3 naming the problem when it is not one we can use. */
  public static Manifest read(InputStream in, String where) {
    Manifest m;
    try {
      m = MAPPER.readValue(in, Manifest.class);
    } catch (JsonProcessingException e) {
      throw BackupProblems.bad(where, "not a valid manifest (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw BackupProblems.bad(where, "cannot be read (" + e.getMessage() + ")");
    }
    ManifestCheck.check(m, where);
    return m;
  }
}
