package org.spikezip.snn;

import java.util.Arrays;

/**
 * The integer sums of spike-equivalent self-attention for one sample, laid out so that every update
 * a spike causes runs over contiguous memory.
 *
 * <p>Scores {@code Q K^T} per head are kept as two parts, {@code scoreRows[h][i][j]} (added to by q
 * spikes, a row at a time) and {@code scoreCols[h][j][i]} (added to by k spikes, a column at a time,
 * stored transposed); the score is their sum. Likewise {@code A V} as {@code productRows[i][c]}
 * (attention spikes) plus {@code productCols[c][i]} (v spikes). The tracers are mirrored in the
 * layouts those updates read: {@code qT}, {@code kT} as {@code [dim][tokens]}, {@code aT} as
 * {@code [heads][tokens(j)][tokens(i)]}, and v as it was before the current step.
 */
public final class AttentionState {
  final int tokens;
  final int dim;
  final int heads;
  final int[] qT;
  final int[] kT;
  final int[] aT;
  final int[] vPrev;
  final double[] scoreRows;
  final double[] scoreCols;
  final double[] productRows;
  final double[] productCols;

  public AttentionState(int tokens, int dim, int heads) {
    this.tokens = tokens;
    this.dim = dim;
    this.heads = heads;
    qT = new int[dim * tokens];
    kT = new int[dim * tokens];
    aT = new int[heads * tokens * tokens];
    vPrev = new int[tokens * dim];
    scoreRows = new double[heads * tokens * tokens];
    scoreCols = new double[heads * tokens * tokens];
    productRows = new double[tokens * dim];
    productCols = new double[dim * tokens];
  }

  public void reset() {
    Arrays.fill(qT, 0);
    Arrays.fill(kT, 0);
    Arrays.fill(aT, 0);
    Arrays.fill(vPrev, 0);
    Arrays.fill(scoreRows, 0);
    Arrays.fill(scoreCols, 0);
    Arrays.fill(productRows, 0);
    Arrays.fill(productCols, 0);
  }

  // Accessors for the operator in org.spikezip.snn.op (kept as arrays: the inner loops need them).

  public int tokens() {
    return tokens;
  }

  public int dim() {
    return dim;
  }

  public int heads() {
    return heads;
  }

  public int[] qT() {
    return qT;
  }

  public int[] kT() {
    return kT;
  }

  public int[] aT() {
    return aT;
  }

  public int[] vPrev() {
    return vPrev;
  }

  public double[] scoreRows() {
    return scoreRows;
  }

  public double[] scoreCols() {
    return scoreCols;
  }

  public double[] productRows() {
    return productRows;
  }

  public double[] productCols() {
    return productCols;
  }
}
