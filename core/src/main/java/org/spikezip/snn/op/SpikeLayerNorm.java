package org.spikezip.snn.op;

import org.spikezip.kernel.CanonicalFunctions;
import org.spikezip.model.LayerNormWeights;
import org.spikezip.snn.RowSet;
import org.spikezip.snn.ValueBuffer;

/**
 * Spike-LayerNorm: keeps the running sum {@code X_t} of its input and emits
 * {@code LN(X_t) - LN(X_{t-1})} ({@code LN(X_0) = 0}). Telescoping identity: the sum of its outputs
 * over steps 1..t is {@code LN(X_t)}, which is what the buffer holds. Uses the model's own eps.
 * Only rows whose input changed are recomputed.
 */
public final class SpikeLayerNorm {
  private SpikeLayerNorm() {}

  public static void step(LayerNormWeights ln, ValueBuffer in, ValueBuffer out) {
    RowSet changed = out.changed();
    changed.clear();
    RowSet inChanged = in.changed();
    int w = ln.width();
    for (int k = 0; k < inChanged.size(); k++) {
      int r = inChanged.get(k);
      changed.add(r);
      CanonicalFunctions.layerNorm(in.values(), r * w, ln.gamma(), ln.beta(), ln.eps(), out.values(), r * w);
    }
  }
}
