package dev.ollamastack.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal line diff (LCS): changed lines with {@code -} (before) and {@code +} (after), each run
 * of changes with {@value #CONTEXT} unchanged lines around it, longer unchanged stretches folded
 * into one {@code …} line.
 */
public final class LineDiff {
  static final int CONTEXT = 3;

  private LineDiff() {}

  public static List<String> unified(String before, String after) {
    return fold(all(before, after));
  }

  /** Every line, prefixed with two spaces, {@code "- "} or {@code "+ "}. */
  static List<String> all(String before, String after) {
    String[] a = before.isEmpty() ? new String[0] : before.split("\n");
    String[] b = after.isEmpty() ? new String[0] : after.split("\n");
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] =
            a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        out.add("  " + a[i++]);
        j++;
      } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.add("- " + a[i++]);
      } else {
        out.add("+ " + b[j++]);
      }
    }
    return out;
  }

  private static List<String> fold(List<String> lines) {
    boolean[] keep = new boolean[lines.size()];
    for (int k = 0; k < lines.size(); k++) {
      if (!lines.get(k).startsWith("  ")) {
        for (int c = Math.max(0, k - CONTEXT); c <= Math.min(lines.size() - 1, k + CONTEXT); c++) {
          keep[c] = true;
        }
      }
    }
    List<String> out = new ArrayList<>();
    boolean folded = false;
    for (int k = 0; k < lines.size(); k++) {
      if (keep[k]) {
        out.add(lines.get(k));
        folded = false;
      } else if (!folded) {
        out.add("  …");
        folded = true;
      }
    }
    return out;
  }
}
