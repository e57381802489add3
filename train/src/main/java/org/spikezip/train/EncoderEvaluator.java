package org.spikezip.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.spikezip.model.EncoderExamples;
import org.spikezip.model.EncoderWeights;
import org.spikezip.quant.EncoderSite;
import org.spikezip.quant.QuantizerSteps;

/** Accuracy of a float encoder classifier or of its QANN (fake-quantized, float32) with DJL. */
public final class EncoderEvaluator {
  private EncoderEvaluator() {}

  /** Accuracy (a fraction) of the float model on {@code data}. */
  public static double annTop1(EncoderWeights weights, EncoderExamples data, int batchSize) {
    try (NDManager root = TorchRuntime.newManager();
        EncoderParameters p = EncoderParameters.fromWeights(root, weights, DataType.FLOAT32)) {
      return top1(root, p, Quantization.none(), new TextBatchSource(data, weights.config().layout(), batchSize, 0));
    }
  }

  /** Accuracy (a fraction) of the QANN with {@code steps} at {@code level} levels, float weights. */
  public static double qannTop1(EncoderWeights weights, QuantizerSteps steps, int level, EncoderExamples data,
      int batchSize) {
    try (NDManager root = TorchRuntime.newManager();
        EncoderParameters p = EncoderParameters.fromWeights(root, weights, DataType.FLOAT32);
        LsqQuantization q = LsqQuantization.fixed(root, EncoderSite.names(weights.config().layers()), steps, level,
            0, DataType.FLOAT32)) {
      return top1(root, p, q, new TextBatchSource(data, weights.config().layout(), batchSize, 0));
    }
  }

  static double top1(NDManager root, EncoderParameters p, Quantization quant, TextBatchSource source) {
    long correct = 0;
    for (int[] idx : source.sequential()) {
      try (NDManager m = StepScope.open(root, p, quant, List.of())) {
        TextBatch x = source.batch(m, idx, p.dataType());
        long[] predicted = Autograd.inference(() -> EncoderGraph.forward(p, x, quant).argMax(1).toLongArray());
        int[] labels = source.labelArray(idx);
        for (int i = 0; i < labels.length; i++) {
          if (predicted[i] == labels[i]) {
            correct++;
          }
        }
      }
    }
    return (double) correct / source.size();
  }
}
