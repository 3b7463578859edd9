package dev.ollamastack.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Hides applets in a copy of busybox. Debian's busybox-static runs its applets from {@code sh} even
 * when no link exists (the standalone shell), so deleting {@code /bin/wget} would not make {@code
 * sh -c 'wget ...'} fail as it does in the real ollama image. Renaming the applet inside the
 * binary's name table does: the last letter is incremented ({@code wget} → {@code wgeu}, {@code nc}
 * → {@code nd}), which keeps the table sorted for busybox's search.
 */
final class BusyboxApplets {
  private BusyboxApplets() {}

  static byte[] hide(byte[] busybox, List<String> applets) {
    byte[] out = busybox.clone();
    for (String applet : applets) {
      byte[] name = ("\0" + applet + "\0").getBytes(StandardCharsets.US_ASCII);
      int at = indexOf(out, name);
      if (at < 0 || indexOf(Arrays.copyOfRange(out, at + 1, out.length), name) >= 0) {
        throw new IllegalStateException("applet '" + applet + "' not found once in busybox");
      }
      int last = at + applet.length();
      out[last]++;
      String renamed = new String(out, at + 1, applet.length(), StandardCharsets.US_ASCII);
      String next = nameAt(out, at + applet.length() + 2);
      if (renamed.compareTo(next) >= 0) {
        throw new IllegalStateException("renaming " + applet + " would unsort busybox's table");
      }
    }
    return out;
  }

  private static String nameAt(byte[] b, int start) {
    int end = start;
    while (end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, start, end - start, StandardCharsets.US_ASCII);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
