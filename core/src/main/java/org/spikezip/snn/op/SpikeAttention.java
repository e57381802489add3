package org.spikezip.snn.op;

import org.spikezip.kernel.ExactKernels;
import org.spikezip.kernel.Kernels;
import org.spikezip.snn.AttentionState;
import org.spikezip.snn.RowSet;
import org.spikezip.snn.SpikeBuffer;
import org.spikezip.snn.ValueBuffer;

/**
 * SESA, spike-equivalent self-attention (SPEC §4): the two products of attention computed on
 * spikes, per head, in integer spike counts.
 *
 * <p>Identity: with running tracers {@code Q_t = Q_{t-1} + q_t} and {@code K_t = K_{t-1} + k_t},
 * {@code Q_t K_t^T - Q_{t-1} K_{t-1}^T = q_t K_{t-1}^T + Q_t k_t^T}, which equals the SPEC's
 * {@code Q_t k_t^T + q_t K_t^T - q_t k_t^T}. So each q spike adds one column of the previous K to a
 * score row and each k spike one column of the current Q to a score column; the running integer
 * sums are exactly {@code Q_t K_t^T}, in any order. Likewise
 * {@code A_t V_t - A_{t-1} V_{t-1} = a_t V_{t-1} + A_t v_t}. Scales ({@code s_q * scale * s_k},
 * {@code s_a * s_v}) are applied as the QANN applies them.
 *
 * <p>Layouts: q, k, v and the output of {@link #values} are {@code [tokens, dim]} with head h in
 * columns {@code h*headDim ...}; scores and attention are {@code [heads*tokens, tokens]}.
 */
public final class SpikeAttention {
  private static final ExactKernels KERNELS = Kernels.exact();

  private SpikeAttention() {}

  /**
   * Updates the integer scores {@code Q K^T} from this step's q and k spikes and writes the changed
   * rows into {@code scores}.
   */
  public static void scores(SpikeBuffer q, SpikeBuffer k, AttentionState a, ValueBuffer scores, boolean firstStep) {
    RowSet changed = scores.changed();
    changed.clear();
    int n = a.tokens();
    int d = a.dim();
    int headDim = d / a.heads();
    int[] qT = a.qT();
    int[] kT = a.kT();
    double[] rows = a.scoreRows();
    double[] cols = a.scoreCols();
    for (int e = 0; e < q.eventCount(); e++) {
      int idx = q.eventIndex(e);
      int sign = q.eventSign(e);
      int i = idx / d;
      int col = idx % d;
      int row = (col / headDim) * n + i;
      KERNELS.addInts(sign, kT, col * n, rows, row * n, n);
      changed.add(row);
    }
    for (int e = 0; e < q.eventCount(); e++) {
      int idx = q.eventIndex(e);
      qT[(idx % d) * n + idx / d] += q.eventSign(e);
    }
    for (int e = 0; e < k.eventCount(); e++) {
      int idx = k.eventIndex(e);
      int sign = k.eventSign(e);
      int j = idx / d;
      int col = idx % d;
      int h = col / headDim;
      KERNELS.addInts(sign, qT, col * n, cols, (h * n + j) * n, n);
      kT[col * n + j] += sign;
      changed.addRange(h * n, n);
    }
    if (firstStep) {
      changed.addAll();
    }
    double[] s = scores.values();
    for (int k2 = 0; k2 < changed.size(); k2++) {
      int row = changed.get(k2);
      int h = row / n;
      int i = row % n;
      int colBase = h * n * n + i;
      for (int j = 0; j < n; j++) {
        s[row * n + j] = rows[row * n + j] + cols[colBase + j * n];
      }
    }
  }

  /**
   * Updates the integer products {@code A V} from this step's attention and v spikes and writes
   * {@code (A V) * scale} for the changed rows into {@code out}.
   */
  public static void values(SpikeBuffer attn, SpikeBuffer v, AttentionState a, double scale, ValueBuffer out,
      boolean firstStep) {
    RowSet changed = out.changed();
    changed.clear();
    int n = a.tokens();
    int d = a.dim();
    int headDim = d / a.heads();
    int[] vPrev = a.vPrev();
    int[] aT = a.aT();
    double[] rows = a.productRows();
    double[] cols = a.productCols();
    for (int e = 0; e < attn.eventCount(); e++) {
      int idx = attn.eventIndex(e);
      int sign = attn.eventSign(e);
      int row = idx / n;
      int j = idx % n;
      int h = row / n;
      int i = row % n;
      KERNELS.addInts(sign, vPrev, j * d + h * headDim, rows, i * d + h * headDim, headDim);
      aT[(h * n + j) * n + i] += sign;
      changed.add(i);
    }
    for (int e = 0; e < v.eventCount(); e++) {
      int idx = v.eventIndex(e);
      int sign = v.eventSign(e);
      int j = idx / d;
      int col = idx % d;
      int h = col / headDim;
      KERNELS.addInts(sign, aT, (h * n + j) * n, cols, col * n, n);
    }
    for (int e = 0; e < v.eventCount(); e++) {
      vPrev[v.eventIndex(e)] += v.eventSign(e);
    }
    if (v.eventCount() > 0 || firstStep) {
      changed.addAll();
    }
    double[] y = out.values();
    for (int k = 0; k < changed.size(); k++) {
      int i = changed.get(k);
      for (int c = 0; c < d; c++) {
        y[i * d + c] = (rows[i * d + c] + cols[c * n + i]) * scale;
      }
    }
  }
}
