package dev.ollamastack.cli;

import dev.ollamastack.config.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that masks secrets line by line before they reach the terminal or a log:
 * installed as {@code System.out} and {@code System.err} before logging starts, so every line
 * (slf4j at any level, picocli, stack traces, progress) passes the {@link Redactor}. A line is held
 * until its end ({@code \n} or {@code \r}) or a flush, so a secret is never split across writes.
 */
final class RedactingOutputStream extends OutputStream {
  private final OutputStream target;
  private final Redactor redactor;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  RedactingOutputStream(OutputStream target, Redactor redactor) {
    this.target = target;
    this.redactor = redactor;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    line.write(b);
    if (b == '\n' || b == '\r') {
      emit();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    emit();
    target.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    flush();
    target.close();
  }

  private void emit() throws IOException {
    if (line.size() == 0) {
      return;
    }
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    target.write(redactor.redact(text).getBytes(StandardCharsets.UTF_8));
  }
}
