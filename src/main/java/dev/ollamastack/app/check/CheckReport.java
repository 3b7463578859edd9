package dev.ollamastack.app.check;

import java.util.List;

/** The whole report of {@code check}, and its {@code -o json} document. */
public record CheckReport(List<CheckItem> checks, Summary summary) {
  public CheckReport {
    checks = List.copyOf(checks);
  }

  public static CheckReport of(List<CheckItem> checks) {
    int[] n = new int[CheckStatus.values().length];
    checks.forEach(c -> n[c.status().ordinal()]++);
    return new CheckReport(
        checks,
        new Summary(
            n[CheckStatus.PASS.ordinal()],
            n[CheckStatus.WARN.ordinal()],
            n[CheckStatus.FAIL.ordinal()],
            n[CheckStatus.SKIP.ordinal()],
            n[CheckStatus.FAIL.ordinal()] == 0));
  }

  /** Counts per status; {@code ok} when nothing failed (exit 0). */
  public record Summary(int pass, int warn, int fail, int skip, boolean ok) {}
}
