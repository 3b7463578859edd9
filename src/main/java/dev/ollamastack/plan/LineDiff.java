package dev.ollamastack.plan;

import java.util.ArrayList;
import java.util.List;

/** A minimal line diff (LCS) printing every line with a {@code ' '}, {@code -} or {@code +}. */
final class LineDiff {
  private LineDiff() {}

  static List<String> unified(String before, String after) {
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
      } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
        out.add("+ " + b[j++]);
      } else {
        out.add("- " + a[i++]);
      }
    }
    return out;
  }
}
