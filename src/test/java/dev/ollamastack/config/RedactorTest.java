package dev.ollamastack.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Secrets are masked by value once known, and by shape before (docker-java's debug lines). */
class RedactorTest {
  static final String KEY = "Zq3x9vK2mP0aLr7TnW4sYb1cHd8fEg6u";

  @Test
  void aRegisteredSecretIsMaskedWherever() {
    Redactor r = new Redactor();
    r.register(KEY);
    assertThat(r.redact("before " + KEY + " after, and " + KEY))
        .isEqualTo("before (sensitive) after, and (sensitive)");
  }

  @Test
  void shortValuesAreNotMaskedByValueOrEveryWordWouldGo() {
    Redactor r = new Redactor();
    r.register("abc");
    assertThat(r.redact("abc abc")).isEqualTo("abc abc");
  }

  @Test
  void theShapesOfSecretsInDockerRequestsAreMaskedBeforeTheyAreKnown() {
    Redactor r = new Redactor();
    // as docker-java logs a create-container body and an inspect response at debug level
    String body =
        "{\"Env\":[\"WEBUI_SECRET_KEY=s3cr3t-value-1\",\"OLLAMA_BASE_URL=http://x:11434\","
            + "\"MCPO_API_KEY=k3y-value-2\",\"OPENAI_API_KEY=sk-abc\"],"
            + "\"Cmd\":[\"exec mcpo --api-key \\\"k3y-value-2\\\" --port 8000\"]}";
    String out = r.redact(body);
    assertThat(out)
        .doesNotContain("s3cr3t-value-1", "k3y-value-2", "sk-abc")
        .contains("WEBUI_SECRET_KEY=(sensitive)", "OLLAMA_BASE_URL=http://x:11434");
  }

  @Test
  void jsonKeysAndBearerTokensAreMasked() {
    Redactor r = new Redactor();
    assertThat(
            r.redact("[{\\\"url\\\":\\\"http://m:8000/time\\\",\\\"key\\\":\\\"tool-key-1\\\"}]"))
        .doesNotContain("tool-key-1")
        .contains("http://m:8000/time");
    assertThat(r.redact("Authorization: Bearer abc.def-ghi"))
        .isEqualTo("Authorization: Bearer (sensitive)");
    assertThat(r.redact("{\"password\": \"hunter22\"}")).doesNotContain("hunter22");
  }

  @Test
  void ordinaryTextIsLeftAlone() {
    Redactor r = new Redactor();
    String text = "env OLLAMA_KEEP_ALIVE: \"5m\" → \"24h\"; port 8080; key points: none";
    assertThat(r.redact(text)).isEqualTo(text);
  }
}
