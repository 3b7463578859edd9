package dev.ollamastack.testsupport;

import org.junit.jupiter.api.Assumptions;

/**
 * A precondition of a Docker test: off CI an unmet one skips the test (a developer's machine may
 * lack it); in CI ({@code CI=true}) it fails, because a skipped test there would count as passing.
 */
public final class CiRequires {
  private CiRequires() {}

  public static void that(boolean condition, String what) {
    if (condition) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI must provide this, the test may not skip there: " + what);
    }
    Assumptions.abort(what);
  }
}
