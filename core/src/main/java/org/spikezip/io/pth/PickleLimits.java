package org.spikezip.io.pth;

/**
 * Bounds on the work and memory one pickle may demand, so that a hostile checkpoint ends in an
 * error instead of exhausting the machine.
 *
 * @param maxPickleBytes the longest pickle program read, in bytes
 * @param maxValues the most values the program may push onto its stack in total; with the
 *     program length this bounds both time and memory
 * @param maxMemoEntries the most memo slots the program may fill
 * @param maxNestingDepth the most open MARKs at once, and the deepest tuple nesting of a dict key
 */
public record PickleLimits(long maxPickleBytes, long maxValues, int maxMemoEntries, int maxNestingDepth) {

  /** Generous for real checkpoints (a large model's pickle is a few MB): 256 MiB, 20 M values. */
  public static final PickleLimits DEFAULTS = new PickleLimits(256L << 20, 20_000_000L, 10_000_000, 1000);

  public PickleLimits {
    if (maxPickleBytes <= 0 || maxValues <= 0 || maxMemoEntries <= 0 || maxNestingDepth <= 0) {
      throw new IllegalArgumentException(
          "pickle limits must all be positive, got bytes=" + maxPickleBytes + " values=" + maxValues
              + " memo=" + maxMemoEntries + " depth=" + maxNestingDepth);
    }
  }
}
