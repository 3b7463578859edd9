package dev.ollamastack.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes of a stack file to text, refusing what is clearly not a YAML file before the parser sees
 * it: too large, binary (NUL bytes) or not UTF-8. Each refusal names the first bad position.
 */
final class StackText {
  /** Stack files are a page or two; anything larger is a wrong file, not a big stack. */
  static final long MAX_BYTES = 1024 * 1024;

  private StackText() {}

  /** Refuses a file by size before reading it. */
  static void checkSize(String file, long size) {
    if (size > MAX_BYTES) {
      throw InvalidStackException.of(
          Problem.atStart(
              file,
              String.format(
                  "file is %.1f MB; a stack file is at most 1 MB (is this the right file?)",
                  size / (1024.0 * 1024.0))),
          "point -f at your ollama-stack.yaml");
    }
  }

  static String decode(String file, byte[] bytes) {
    checkSize(file, bytes.length);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw binary(file, bytes, i, "binary data (NUL byte): a stack file is YAML text");
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw binary(file, bytes, in.position(), "not UTF-8 text: save the file as UTF-8");
    }
    decoder.flush(out);
    String text = out.flip().toString();
    // A byte-order mark is legal in YAML but would shift every column of the first line.
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static InvalidStackException binary(String file, byte[] bytes, int at, String message) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return InvalidStackException.of(
        new Problem(file, line, at - lineStart + 1, "", message),
        "point -f at your ollama-stack.yaml, or recreate it with 'ollama-stack init'");
  }
}
