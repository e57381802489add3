package org.spikezip.snn;

import java.util.Arrays;
import org.spikezip.kernel.SparseColumns;

/**
 * The state and output of one layer of ST-BIF+ neurons, {@code [rows, cols]}.
 *
 * <p>State: the spike tracer {@code S} ({@link #counts()}: net spikes so far, always within the
 * neuron bounds) and the list of neurons that had not reached their target after the last step
 * (they keep firing without new input). Output of the current step: the spike events (index and
 * sign), the same events grouped by column for the dense layers downstream, and the rows that
 * spiked. Totals per neuron of positive plus negative spikes feed the spike and energy reports.
 */
public final class SpikeBuffer {
  private final int rows;
  private final int cols;
  private final int[] count;
  private final int[] spikesAbs;
  private int[] pending;
  private int pendingCount;
  private int[] nextPending;
  private int nextPendingCount;
  private int[] eventIndex;
  private int[] eventRow;
  private int[] eventSign;
  private int eventCount;
  private int positiveInStep;
  private int evaluatedInStep;
  private final SparseColumns grouped;
  private boolean groupedValid;
  private double[] dense;
  private boolean denseValid;
  private final RowSet spikedRows;

  public SpikeBuffer(int rows, int cols) {
    this.rows = rows;
    this.cols = cols;
    int n = rows * cols;
    this.count = new int[n];
    this.spikesAbs = new int[n];
    int initial = Math.min(n, 1024);
    this.pending = new int[initial];
    this.nextPending = new int[initial];
    this.eventIndex = new int[initial];
    this.eventRow = new int[initial];
    this.eventSign = new int[initial];
    this.grouped = new SparseColumns(cols);
    this.spikedRows = new RowSet(rows);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public int size() {
    return count.length;
  }

  /** The spike tracer S per neuron: the net number of spikes emitted so far. */
  public int[] counts() {
    return count;
  }

  /** Positive plus negative spikes per neuron since the start. */
  public int[] spikesAbs() {
    return spikesAbs;
  }

  /** Clears all state for a new sample. */
  public void reset() {
    beginStep();
    Arrays.fill(count, 0);
    Arrays.fill(spikesAbs, 0);
    pendingCount = 0;
    nextPendingCount = 0;
  }

  // ---- one step ----

  /** Starts a step: forgets the previous step's events; the pending list of the last step stays readable. */
  public void beginStep() {
    if (denseValid) {
      for (int e = 0; e < eventCount; e++) {
        dense[eventIndex[e]] = 0;
      }
      denseValid = false;
    }
    eventCount = 0;
    positiveInStep = 0;
    evaluatedInStep = 0;
    groupedValid = false;
    spikedRows.clear();
    nextPendingCount = 0;
  }

  /** Neurons still short of their target after the previous step. */
  public int pendingCount() {
    return pendingCount;
  }

  public int pending(int k) {
    return pending[k];
  }

  /** Neuron {@code i} will still be short of its target after this step. */
  public void keepPending(int i) {
    if (nextPendingCount == nextPending.length) {
      nextPending = Arrays.copyOf(nextPending, Math.min(count.length, nextPending.length * 2));
    }
    nextPending[nextPendingCount++] = i;
  }

  /** Records a spike of {@code sign} (+1 or -1) at neuron {@code i} of {@code row} and updates its tracer. */
  public void spike(int i, int row, int sign) {
    if (eventCount == eventIndex.length) {
      int n = Math.min(count.length, eventIndex.length * 2);
      eventIndex = Arrays.copyOf(eventIndex, n);
      eventRow = Arrays.copyOf(eventRow, n);
      eventSign = Arrays.copyOf(eventSign, n);
    }
    eventIndex[eventCount] = i;
    eventRow[eventCount] = row;
    eventSign[eventCount] = sign;
    eventCount++;
    count[i] += sign;
    spikesAbs[i]++;
    if (sign > 0) {
      positiveInStep++;
    }
    spikedRows.add(row);
  }

  /** Ends a step: the neurons kept pending become the pending list of the next step. */
  public void endStep() {
    int[] t = pending;
    pending = nextPending;
    nextPending = t;
    pendingCount = nextPendingCount;
    nextPendingCount = 0;
  }

  public int eventCount() {
    return eventCount;
  }

  public int eventIndex(int e) {
    return eventIndex[e];
  }

  public int eventRow(int e) {
    return eventRow[e];
  }

  public int eventSign(int e) {
    return eventSign[e];
  }

  public int positiveInStep() {
    return positiveInStep;
  }

  public int negativeInStep() {
    return eventCount - positiveInStep;
  }

  /** Neurons evaluated in this step (the neuron updates of the energy count). */
  public int evaluatedInStep() {
    return evaluatedInStep;
  }

  /** Adds {@code n} neuron evaluations to this step's count. */
  public void countEvaluated(int n) {
    evaluatedInStep += n;
  }

  /**
   * This step's events as a dense {@code [rows, cols]} matrix of +1, -1 and 0 (built on first use;
   * for steps in which many neurons spike, where a matrix product beats one row update per spike).
   */
  public double[] dense() {
    if (!denseValid) {
      if (dense == null) {
        dense = new double[count.length];
      }
      for (int e = 0; e < eventCount; e++) {
        dense[eventIndex[e]] = eventSign[e];
      }
      denseValid = true;
    }
    return dense;
  }

  /** This step's events as a sparse {@code [rows, cols]} matrix grouped by column (built on first use). */
  public SparseColumns grouped() {
    if (!groupedValid) {
      grouped.clear();
      for (int e = 0; e < eventCount; e++) {
        int r = eventRow[e];
        grouped.add(r, eventIndex[e] - r * cols, eventSign[e]);
      }
      grouped.groupByColumn();
      groupedValid = true;
    }
    return grouped;
  }

  /** Rows with at least one spike in this step. */
  public RowSet spikedRows() {
    return spikedRows;
  }
}
