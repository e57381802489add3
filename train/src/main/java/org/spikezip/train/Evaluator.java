package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.spikezip.data.ImageDataset;
import org.spikezip.data.Normalization;
import org.spikezip.model.VitWeights;
import org.spikezip.quant.QuantizerSteps;

/** Top-1 accuracy of a float ViT or of its QANN (fake-quantized, float32) with DJL. */
public final class Evaluator {
  private Evaluator() {}

  /** Top-1 accuracy (a fraction) of the float model on {@code data}. */
  public static double annTop1(VitWeights weights, ImageDataset data, Normalization norm, int batchSize) {
    try (NDManager root = TorchRuntime.newManager();
        VitParameters p = VitParameters.fromWeights(root, weights, DataType.FLOAT32)) {
      return top1(root, p, Quantization.none(), new BatchSource(data, weights.config(), norm, batchSize,
          Augmentation.NONE, 0));
    }
  }

  /**
   * Top-1 accuracy (a fraction) of the QANN with {@code steps} at {@code level} levels.
   *
   * @param weightBits 0 for float weights, else per-tensor weight quantization bits
   */
  public static double qannTop1(VitWeights weights, QuantizerSteps steps, int level, int weightBits,
      ImageDataset data, Normalization norm, int batchSize) {
    try (NDManager root = TorchRuntime.newManager();
        VitParameters p = VitParameters.fromWeights(root, weights, DataType.FLOAT32);
        LsqQuantization q = LsqQuantization.fixed(root, QuantizerSteps.names(weights.config()), steps, level, weightBits,
            DataType.FLOAT32)) {
      return top1(root, p, q, new BatchSource(data, weights.config(), norm, batchSize, Augmentation.NONE, 0));
    }
  }

  /** Top-1 over every batch of {@code source}, in order. */
  static double top1(NDManager root, VitParameters p, Quantization quant, BatchSource source) {
    long correct = 0;
    List<int[]> batches = source.sequential();
    for (int[] idx : batches) {
      try (NDManager m = StepScope.open(root, p, quant, List.of())) {
        NDArray x = source.images(m, idx, p.dataType(), false, 0);
        long[] predicted = Autograd.inference(() -> VitGraph.forward(p, x, quant).argMax(1).toLongArray());
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
