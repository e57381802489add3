package org.spikezip.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.error.InvalidInputException;
import org.spikezip.quant.QannResult;
import org.spikezip.sim.SampleResult;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * The tensors {@code simulate} writes, for B samples and T = the largest stop step:
 * {@code qann_logits [B, classes]}, {@code snn_logits [B, classes]} (F64), {@code snn_logits_per_step
 * [T, B, classes]} (F64, the accumulated output after each step; a sample that stopped keeps its final
 * value) and {@code stop_step [B]} (I32).
 */
final class SimulationOutput {
  private SimulationOutput() {}

  static Map<String, Tensor> tensors(List<QannResult> qann, List<SampleResult> snn) throws InvalidInputException {
    int batch = snn.size();
    int classes = qann.get(0).logits().length;
    int steps = snn.stream().mapToInt(SampleResult::stopStep).max().orElseThrow();
    if ((long) steps * batch * classes > Integer.MAX_VALUE) {
      throw new InvalidInputException("snn_logits_per_step would hold " + (long) steps * batch * classes
          + " values, more than one tensor can; simulate fewer samples per run");
    }
    double[] qannLogits = new double[batch * classes];
    double[] snnLogits = new double[batch * classes];
    double[] perStep = new double[steps * batch * classes];
    int[] stop = new int[batch];
    for (int b = 0; b < batch; b++) {
      SampleResult s = snn.get(b);
      System.arraycopy(qann.get(b).logits(), 0, qannLogits, b * classes, classes);
      System.arraycopy(s.logits(), 0, snnLogits, b * classes, classes);
      for (int t = 1; t <= steps; t++) {
        System.arraycopy(s.logitsAt(t), 0, perStep, ((t - 1) * batch + b) * classes, classes);
      }
      stop[b] = s.stopStep();
    }
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("qann_logits", Tensor.wrap(Shape.of(batch, classes), qannLogits, DType.F64));
    t.put("snn_logits", Tensor.wrap(Shape.of(batch, classes), snnLogits, DType.F64));
    t.put("snn_logits_per_step", Tensor.wrap(Shape.of(steps, batch, classes), perStep, DType.F64));
    t.put("stop_step", Tensor.ofInts(Shape.of(batch), stop));
    return t;
  }
}
