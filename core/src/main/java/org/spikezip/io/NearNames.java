package org.spikezip.io;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Finds the names closest to a missing one, so that an error can say "did you mean ...". */
public final class NearNames {
  private NearNames() {}

  /** Up to {@code limit} names from {@code candidates} closest to {@code wanted} by edit distance. */
  public static List<String> closest(String wanted, Collection<String> candidates, int limit) {
    return candidates.stream()
        .sorted(Comparator.comparingInt((String c) -> editDistance(wanted, c)).thenComparing(c -> c))
        .limit(limit)
        .collect(Collectors.toList());
  }

  /** The message for a missing tensor: the source, the name, and the nearest names present. */
  public static String missingMessage(String source, String wanted, Collection<String> present) {
    if (present.isEmpty()) {
      return source + ": no tensor named '" + wanted + "' (the file holds no tensors)";
    }
    return source + ": no tensor named '" + wanted + "'; nearest names present: "
        + String.join(", ", closest(wanted, present, 3));
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
