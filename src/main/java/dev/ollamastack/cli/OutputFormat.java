package dev.ollamastack.cli;

/** {@code -o}: human text, or one JSON/YAML document on stdout. */
enum OutputFormat {
  TEXT,
  JSON,
  YAML
}
