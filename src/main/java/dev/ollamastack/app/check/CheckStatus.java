package dev.ollamastack.app.check;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The verdict of one check: only {@link #FAIL} makes {@code check} exit 1. */
public enum CheckStatus {
  PASS,
  WARN,
  FAIL,
  SKIP;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }
}
