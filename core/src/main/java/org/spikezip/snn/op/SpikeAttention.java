package org.spikezip.snn.op;

import org.spikezip.snn.RowSet;
import org.spikezip.snn.SpikeBuffer;
import org.spikezip.snn.ValueBuffer;

/**
 * SESA, spike-equivalent self-attention (SPEC §4): the two products of attention computed on
 * spikes, per head, in integer spike counts.
 *
 * <p>Identity: with running tracers {@code Q_t = Q_{t-1} + q_t} and {@code K_t = K_{t-1} + k_t},
 * {@code Q_t K_t^T - Q_{t-1} K_{t-1}^T = q_t K_{t-1}^T + Q_t k_t^T}, which equals the SPEC's
 * {@code Q_t k_t^T + q_t K_t^T - q_t k_t^T}. So each step adds, for each q spike, one row of the
 * previous K and, for each k spike, one column of the current Q; the running integer sums are
 * exactly {@code Q_t K_t^T}, whatever the order of spikes. Likewise {@code A_t V_t} from the
 * attention neurons' and v's spikes. Scales ({@code s_q * scale * s_k}, {@code s_a * s_v}) are
 * applied by the consumer, as the QANN does.
 *
 * <p>Layouts: q, k, v, the output of {@link #values} are {@code [tokens, dim]} with head h in columns
 * {@code h*headDim ...}; scores and attention are {@code [heads*tokens, tokens]}.
 */
public final class SpikeAttention {
  private SpikeAttention() {}

  /**
   * Updates the integer scores {@code Q K^T} and marks changed rows.
   *
   * @param scores {@code [heads*tokens, tokens]} integer sums (state, and output rows)
   */
  public static void scores(SpikeBuffer q, SpikeBuffer k, int headDim, ValueBuffer scores, boolean firstStep) {
    RowSet changed = scores.changed();
    changed.clear();
    int n = q.rows();
    int d = q.cols();
    double[] s = scores.values();
    int[] qCount = q.counts();
    int[] kCount = k.counts();
    for (int e = 0; e < q.eventCount(); e++) {
      int idx = q.eventIndex(e);
      int sign = q.eventSign(e);
      int i = idx / d;
      int col = idx % d;
      int row = (col / headDim) * n + i;
      int base = row * n;
      for (int j = 0; j < n; j++) {
        int kPrev = kCount[j * d + col] - k.delta(j * d + col);
        s[base + j] += sign * kPrev;
      }
      changed.add(row);
    }
    for (int e = 0; e < k.eventCount(); e++) {
      int idx = k.eventIndex(e);
      int sign = k.eventSign(e);
      int j = idx / d;
      int col = idx % d;
      int h = col / headDim;
      for (int i = 0; i < n; i++) {
        s[((h * n) + i) * n + j] += sign * qCount[i * d + col];
      }
      changed.addRange(h * n, n);
    }
    if (firstStep) {
      changed.addAll();
    }
  }

  /**
   * Updates the integer products {@code A V} and the output values {@code (A V) * scale} of the
   * changed rows.
   *
   * @param products {@code [tokens, dim]} integer sums (state)
   * @param out {@code [tokens, dim]} values
   */
  public static void values(SpikeBuffer attn, SpikeBuffer v, int headDim, double scale, double[] products,
      ValueBuffer out, boolean firstStep) {
    RowSet changed = out.changed();
    changed.clear();
    int n = v.rows();
    int d = v.cols();
    int[] aCount = attn.counts();
    int[] vCount = v.counts();
    for (int e = 0; e < attn.eventCount(); e++) {
      int idx = attn.eventIndex(e);
      int sign = attn.eventSign(e);
      int row = idx / n;
      int j = idx % n;
      int h = row / n;
      int i = row % n;
      int colBase = h * headDim;
      for (int c = colBase; c < colBase + headDim; c++) {
        int vPrev = vCount[j * d + c] - v.delta(j * d + c);
        products[i * d + c] += sign * vPrev;
      }
      changed.add(i);
    }
    for (int e = 0; e < v.eventCount(); e++) {
      int idx = v.eventIndex(e);
      int sign = v.eventSign(e);
      int j = idx / d;
      int col = idx % d;
      int h = col / headDim;
      for (int i = 0; i < n; i++) {
        products[i * d + col] += sign * aCount[(h * n + i) * n + j];
      }
    }
    if (v.eventCount() > 0 || firstStep) {
      changed.addAll();
    }
    double[] y = out.values();
    for (int k = 0; k < changed.size(); k++) {
      int base = changed.get(k) * d;
      for (int c = base; c < base + d; c++) {
        y[c] = products[c] * scale;
      }
    }
  }
}
