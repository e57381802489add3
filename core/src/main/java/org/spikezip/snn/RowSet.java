package org.spikezip.snn;

/**
 * The rows of a buffer that changed in the current time step, as a list without duplicates.
 * Operators recompute only these rows: this is what makes the simulation follow the spikes.
 */
public final class RowSet {
  private final int[] rows;
  private final boolean[] member;
  private int count;

  public RowSet(int capacity) {
    this.rows = new int[capacity];
    this.member = new boolean[capacity];
  }

  public int capacity() {
    return rows.length;
  }

  public void add(int row) {
    if (!member[row]) {
      member[row] = true;
      rows[count++] = row;
    }
  }

  public void addAll() {
    for (int r = 0; r < rows.length; r++) {
      add(r);
    }
  }

  /** Adds rows {@code [from, from + n)}. */
  public void addRange(int from, int n) {
    for (int r = from; r < from + n; r++) {
      add(r);
    }
  }

  public boolean contains(int row) {
    return member[row];
  }

  public int size() {
    return count;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** The {@code i}-th changed row, in the order rows were added. */
  public int get(int i) {
    return rows[i];
  }

  public void clear() {
    for (int i = 0; i < count; i++) {
      member[rows[i]] = false;
    }
    count = 0;
  }
}
