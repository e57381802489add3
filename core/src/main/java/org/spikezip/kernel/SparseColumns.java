package org.spikezip.kernel;

import java.util.Arrays;

/**
 * A sparse matrix {@code [rows, cols]} of integer multiplicities, gathered entry by entry and then
 * grouped by column, so that a dense layer can apply each weight row once to every input row that
 * uses it (the loop order that keeps the weights in cache).
 *
 * <p>Used both for a quantizer's integer codes (QANN) and for one time step's spikes (SNN). Buffers
 * grow as needed and are reused after {@link #clear()}.
 */
public final class SparseColumns {
  private final int cols;
  private int[] entryRow = new int[64];
  private int[] entryCol = new int[64];
  private double[] entryMult = new double[64];
  private int size;
  private final int[] colStart;
  private int[] sortedRow = new int[64];
  private double[] sortedMult = new double[64];
  private final int[] cursor;

  public SparseColumns(int cols) {
    this.cols = cols;
    this.colStart = new int[cols + 1];
    this.cursor = new int[cols];
  }

  public int cols() {
    return cols;
  }

  public void clear() {
    size = 0;
  }

  public int size() {
    return size;
  }

  /** Adds {@code mult} at ({@code row}, {@code col}); a zero multiplicity is skipped. */
  public void add(int row, int col, double mult) {
    if (mult == 0) {
      return;
    }
    if (size == entryRow.length) {
      int n = size * 2;
      entryRow = Arrays.copyOf(entryRow, n);
      entryCol = Arrays.copyOf(entryCol, n);
      entryMult = Arrays.copyOf(entryMult, n);
    }
    entryRow[size] = row;
    entryCol[size] = col;
    entryMult[size] = mult;
    size++;
  }

  /** Groups the entries by column (stable: rows keep their insertion order within a column). */
  public void groupByColumn() {
    if (sortedRow.length < size) {
      sortedRow = new int[entryRow.length];
      sortedMult = new double[entryRow.length];
    }
    Arrays.fill(colStart, 0);
    for (int e = 0; e < size; e++) {
      colStart[entryCol[e] + 1]++;
    }
    for (int c = 0; c < cols; c++) {
      colStart[c + 1] += colStart[c];
    }
    System.arraycopy(colStart, 0, cursor, 0, cols);
    for (int e = 0; e < size; e++) {
      int at = cursor[entryCol[e]]++;
      sortedRow[at] = entryRow[e];
      sortedMult[at] = entryMult[e];
    }
  }

  /** First entry of column {@code c} after {@link #groupByColumn()}. */
  public int columnStart(int c) {
    return colStart[c];
  }

  public int columnEnd(int c) {
    return colStart[c + 1];
  }

  public int row(int entry) {
    return sortedRow[entry];
  }

  public double mult(int entry) {
    return sortedMult[entry];
  }
}
