package org.spikezip.snn;

import java.util.Arrays;
import org.spikezip.kernel.SparseColumns;

/**
 * The state and output of one layer of ST-BIF+ neurons, {@code [rows, cols]}.
 *
 * <p>State: the spike tracer {@code S} ({@link #counts()}: net spikes so far, always within the
 * neuron bounds) and the list of neurons that have not yet reached their target. Output of the
 * current step: the spike events (index and sign), the same events grouped by column for the dense
 * layers downstream, and the rows that spiked. Totals per neuron of positive plus negative spikes
 * feed the spike and energy reports.
 */
public final class SpikeBuffer {
  private final int rows;
  private final int cols;
  private final int[] count;
  private final int[] spikesAbs;
  private final boolean[] pendingFlag;
  private int[] pending;
  private int pendingCount;
  private int pendingWrite;
  private int[] eventIndex;
  private int[] eventSign;
  private int eventCount;
  private int positiveInStep;
  private final SparseColumns grouped;
  private final RowSet spikedRows;
  private final int[] delta;

  public SpikeBuffer(int rows, int cols) {
    this.rows = rows;
    this.cols = cols;
    int n = rows * cols;
    this.count = new int[n];
    this.spikesAbs = new int[n];
    this.pendingFlag = new boolean[n];
    this.pending = new int[Math.min(n, 1024)];
    this.eventIndex = new int[Math.min(n, 1024)];
    this.eventSign = new int[Math.min(n, 1024)];
    this.grouped = new SparseColumns(cols);
    this.spikedRows = new RowSet(rows);
    this.delta = new int[n];
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
    for (int k = 0; k < pendingCount; k++) {
      pendingFlag[pending[k]] = false;
    }
    pendingCount = 0;
    grouped.clear();
  }

  // ---- pending neurons (state) ----

  /** Marks neuron {@code i} for evaluation in this and later steps until it reaches its target. */
  public void markPending(int i) {
    if (!pendingFlag[i]) {
      pendingFlag[i] = true;
      if (pendingCount == pending.length) {
        pending = Arrays.copyOf(pending, Math.min(count.length, pending.length * 2));
      }
      pending[pendingCount++] = i;
    }
  }

  public int pendingCount() {
    return pendingCount;
  }

  public int pending(int k) {
    return pending[k];
  }

  /** Starts a pass over the pending neurons; each must then be {@linkplain #settle settled} in order. */
  public void beginPendingPass() {
    pendingWrite = 0;
  }

  /** Pending neuron {@code k} of this pass stays pending ({@code stillPending}) or leaves the list. */
  public void settle(int k, boolean stillPending) {
    int i = pending[k];
    if (stillPending) {
      pending[pendingWrite++] = i;
    } else {
      pendingFlag[i] = false;
    }
  }

  /** Ends the pass started by {@link #beginPendingPass()}. */
  public void endPendingPass() {
    pendingCount = pendingWrite;
  }

  // ---- output of the current step ----

  /** Starts a step: forgets the previous step's events. */
  public void beginStep() {
    for (int e = 0; e < eventCount; e++) {
      delta[eventIndex[e]] = 0;
    }
    eventCount = 0;
    positiveInStep = 0;
    spikedRows.clear();
  }

  /** Records a spike of {@code sign} (+1 or -1) at neuron {@code i} and updates its tracer. */
  public void spike(int i, int sign) {
    if (eventCount == eventIndex.length) {
      int n = Math.min(count.length, eventIndex.length * 2);
      eventIndex = Arrays.copyOf(eventIndex, n);
      eventSign = Arrays.copyOf(eventSign, n);
    }
    eventIndex[eventCount] = i;
    eventSign[eventCount] = sign;
    eventCount++;
    count[i] += sign;
    delta[i] = sign;
    spikesAbs[i]++;
    if (sign > 0) {
      positiveInStep++;
    }
    spikedRows.add(i / cols);
  }

  /** Ends a step: groups the events by column for the dense layers that read them. */
  public void endStep() {
    grouped.clear();
    for (int e = 0; e < eventCount; e++) {
      int i = eventIndex[e];
      grouped.add(i / cols, i % cols, eventSign[e]);
    }
    grouped.groupByColumn();
  }

  public int eventCount() {
    return eventCount;
  }

  public int eventIndex(int e) {
    return eventIndex[e];
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

  /** This step's spike (+1, -1 or 0) of neuron {@code i}. */
  public int delta(int i) {
    return delta[i];
  }

  /** This step's events as a sparse {@code [rows, cols]} matrix grouped by column. */
  public SparseColumns grouped() {
    return grouped;
  }

  /** Rows with at least one spike in this step. */
  public RowSet spikedRows() {
    return spikedRows;
  }
}
