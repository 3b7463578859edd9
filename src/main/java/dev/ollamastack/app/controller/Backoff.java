package dev.ollamastack.app.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Exponential backoff per service: how many passes in a row had to act on it, and when the next one
 * may. A service the controller keeps putting back (a crash loop, a start that fails) is left alone
 * for {@code base}, then {@code 2·base}, {@code 4·base} … up to {@code cap} between attempts, not
 * hammered. A pass that finds the service in sync resets it; so does a quiet spell of {@code cap}
 * after its last wait ended.
 *
 * <p>Time is passed in, never read: the tests drive it.
 */
final class Backoff {
  private final Duration base;
  private final Duration cap;
  private final Map<String, State> states = new HashMap<>();

  /** Strikes in a row (failed or repeated actions) and the earliest time of the next one. */
  record State(int attempts, Instant notBefore, Duration delay, boolean failed) {}

  Backoff(Duration base, Duration cap) {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= cap");
    }
    this.base = base;
    this.cap = cap;
  }

  /**
   * A pass acted on {@code service} at {@code now}. A first action that worked costs nothing; a
   * failed one, or one on a service the last pass had to put back as well, is a strike: the next
   * attempt waits {@code base·2^(strikes-1)}, at most {@code cap}.
   *
   * @return the wait before the next attempt (zero when none)
   */
  Duration acted(String service, Instant now, boolean failed) {
    State s = states.get(service);
    boolean fresh = s == null || (!s.failed() && quiet(s, now));
    int strikes = (fresh ? 0 : s.attempts()) + (failed || !fresh ? 1 : 0);
    Duration delay = strikes == 0 ? Duration.ZERO : delay(strikes);
    states.put(service, new State(strikes, now.plus(delay), delay, failed));
    return delay;
  }

  /** A pass found {@code service} as it should be: its count starts again. */
  void inSync(String service) {
    states.remove(service);
  }

  /** The services whose next attempt is still to come at {@code now}, sorted. */
  Set<String> waiting(Instant now) {
    Set<String> out = new TreeSet<>();
    states.forEach(
        (service, s) -> {
          if (s.notBefore().isAfter(now)) {
            out.add(service);
          }
        });
    return out;
  }

  /** The earliest end of a wait still to come: when a deferred pass is due. */
  Optional<Instant> nextDue(Instant now) {
    return states.values().stream()
        .map(State::notBefore)
        .filter(t -> t.isAfter(now))
        .min(Instant::compareTo);
  }

  Optional<State> state(String service) {
    return Optional.ofNullable(states.get(service));
  }

  /** {@code base·2^(strikes-1)}, at most {@code cap}. */
  Duration delay(int strikes) {
    Duration d = base;
    for (int i = 1; i < strikes && d.compareTo(cap) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(cap) > 0 ? cap : d;
  }

  private boolean quiet(State s, Instant now) {
    return !now.isBefore(s.notBefore().plus(cap));
  }
}
