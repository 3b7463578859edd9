package dev.ollamastack.engine.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.ollamastack.engine.LogLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * Turns Docker's multiplexed log frames into {@link LogLine}s.
 *
 * <p>Logs are always requested with timestamps: Docker prefixes each log message with an RFC 3339
 * time and a space, which is stripped into {@link LogLine#timestamp()}. A frame is one message, but
 * a message is not always one line: lines longer than Docker's 16 KiB buffer arrive as several
 * messages (each with its own timestamp, no newline until the last), so text is buffered per stream
 * until its newline. Text is kept verbatim except for that newline. Lines outside [since, until]
 * are dropped: Docker's own bounds are whole seconds only.
 */
final class LogFrameDecoder extends ResultCallback.Adapter<Frame> {
  private final String containerId;
  private final Instant since;
  private final Instant until;
  private final Consumer<LogLine> onLine;
  private final Pending out = new Pending();
  private final Pending err = new Pending();

  LogFrameDecoder(String containerId, Instant since, Instant until, Consumer<LogLine> onLine) {
    this.containerId = containerId;
    this.since = since;
    this.until = until;
    this.onLine = onLine;
  }

  /** Text of one stream not yet ended by a newline, and the time of its first message. */
  private static final class Pending {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Instant timestamp;
  }

  @Override
  public void onNext(Frame frame) {
    message(frame.getStreamType() == StreamType.STDERR, frame.getPayload());
  }

  /** One log message of a stream ({@code stdout} for a TTY's raw stream), timestamp first. */
  synchronized void message(boolean stderr, byte[] message) {
    Pending pending = stderr ? err : out;
    byte[] payload = message == null ? new byte[0] : message;
    int start = 0;
    Instant ts = null;
    int space = timestampEnd(payload);
    if (space > 0) {
      ts = parse(new String(payload, 0, space, StandardCharsets.US_ASCII));
      start = ts == null ? 0 : space + 1;
    }
    if (pending.bytes.size() == 0) {
      pending.timestamp = ts;
    }
    for (int i = start; i < payload.length; i++) {
      if (payload[i] == '\n') {
        pending.bytes.write(payload, start, i - start);
        emit(stderr, pending);
        pending.timestamp = ts;
        start = i + 1;
      }
    }
    pending.bytes.write(payload, start, payload.length - start);
  }

  @Override
  public void onComplete() {
    flush();
    super.onComplete();
  }

  /** Emits text left without a final newline (a container's last words). */
  synchronized void flush() {
    if (out.bytes.size() > 0) {
      emit(false, out);
    }
    if (err.bytes.size() > 0) {
      emit(true, err);
    }
  }

  private void emit(boolean stderr, Pending pending) {
    String text = pending.bytes.toString(StandardCharsets.UTF_8);
    pending.bytes.reset();
    Instant ts = pending.timestamp;
    if (ts != null
        && ((since != null && ts.isBefore(since)) || (until != null && ts.isAfter(until)))) {
      return;
    }
    onLine.accept(new LogLine(containerId, stderr, ts, text));
  }

  // Index of the space ending a leading "2024-05-01T10:00:00.123456789Z", or -1.
  private static int timestampEnd(byte[] p) {
    if (p.length < 21 || p[4] != '-' || p[7] != '-' || p[10] != 'T') {
      return -1;
    }
    for (int i = 19; i < Math.min(p.length, 40); i++) {
      if (p[i] == ' ') {
        return i;
      }
    }
    return -1;
  }

  private static Instant parse(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
