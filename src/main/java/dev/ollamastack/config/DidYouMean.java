package dev.ollamastack.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the allowed name a misspelt one was probably meant to be. */
final class DidYouMean {
  private DidYouMean() {}

  /** The closest candidate, when it is close enough to be a typo rather than another word. */
  static Optional<String> suggest(String input, Collection<String> candidates) {
    String in = input.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(in, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= tolerance(input.length()) && !best.equals(input)
        ? Optional.of(best)
        : Optional.empty();
  }

  private static int tolerance(int length) {
    return length <= 4 ? 1 : length <= 8 ? 2 : 3;
  }

  /** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("prot"). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
