package org.spikezip.snn;

/**
 * The running output of a non-spiking operator, {@code [rows, cols]}: after step t it holds the sum
 * of everything the operator emitted in steps 1..t, which for a spike operator {@code f} is
 * {@code f(X_t)} (the per-step output {@code f(X_t) - f(X_{t-1})} telescopes). {@link #changed()}
 * lists the rows that moved in the current step.
 */
public final class ValueBuffer {
  private final int rows;
  private final int cols;
  private final double[] value;
  private final RowSet changed;

  public ValueBuffer(int rows, int cols) {
    this.rows = rows;
    this.cols = cols;
    this.value = new double[rows * cols];
    this.changed = new RowSet(rows);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** The running values, row-major; written by the producing operator only. */
  public double[] values() {
    return value;
  }

  public RowSet changed() {
    return changed;
  }

  public void reset() {
    java.util.Arrays.fill(value, 0);
    changed.clear();
  }
}
