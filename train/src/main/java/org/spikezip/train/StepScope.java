package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A short-lived manager for one training or evaluation step. Long-lived arrays (parameters, steps,
 * optimizer moments) are temporarily attached to it, so that every array an operation derives from
 * them lands here too and is freed when the scope closes, while they return to their owners.
 */
final class StepScope {
  private StepScope() {}

  /** A sub-manager of {@code root} with the given long-lived arrays temporarily attached. */
  static NDManager open(NDManager root, ParameterSet params, Quantization quant, Collection<NDArray> extra) {
    List<NDArray> borrowed = new ArrayList<>(params.all().values());
    if (quant instanceof LsqQuantization lsq) {
      borrowed.addAll(lsq.stepArrays().values());
    }
    borrowed.addAll(extra);
    NDManager m = root.newSubManager();
    m.tempAttachAll(borrowed.toArray(new NDResource[0]));
    return m;
  }
}
