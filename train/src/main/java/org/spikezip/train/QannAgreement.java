package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.quant.QannForward;
import org.spikezip.quant.QannResult;
import org.spikezip.quant.QuantizedVit;
import org.spikezip.quant.QuantizerSteps;

/**
 * Runs one QANN checkpoint through both implementations, the DJL graph that trained it
 * ({@link VitGraph} with {@link LsqQuantization}) and the core's exact reference
 * ({@code QuantizedVit} + {@code QannForward}), and compares logits, predictions and every code.
 *
 * <p>In float32 the DJL pass rounds differently (float32 sums, libtorch's LayerNorm and softmax),
 * so a value within rounding of a quantizer boundary ({@code x/s + 0.5} near an integer) can land on
 * the other side; one flip then moves everything after it. In float64 such flips should vanish.
 */
public final class QannAgreement {
  private QannAgreement() {}

  /**
   * Compares on {@code images} ({@code [inChans, imgSize, imgSize]} each, normalised). The core sees
   * the images rounded to {@code dataType}, exactly what the DJL pass sees.
   *
   * @param dataType FLOAT32 (the training precision) or FLOAT64
   */
  public static AgreementReport compare(QannState checkpoint, List<double[]> images, DataType dataType)
      throws UnsupportedModelException {
    QuantizedVit core = checkpoint.toQuantizedVit();
    QannForward reference = new QannForward(core);
    var c = checkpoint.weights().config();
    int volume = c.inChans() * c.imgSize() * c.imgSize();
    double[] batch = new double[images.size() * volume];
    for (int b = 0; b < images.size(); b++) {
      double[] img = images.get(b);
      if (img.length != volume) {
        throw new IllegalArgumentException("image " + b + " has " + img.length + " values, the model takes "
            + volume);
      }
      for (int i = 0; i < volume; i++) {
        batch[b * volume + i] = dataType == DataType.FLOAT32 ? (float) img[i] : img[i];
      }
    }
    Map<String, int[]> djlCodes = new HashMap<>();
    double[] djlLogits;
    try (NDManager root = TorchRuntime.newManager();
        VitParameters p = VitParameters.fromWeights(root, checkpoint.weights(), dataType);
        LsqQuantization q = LsqQuantization.fixed(root, QuantizerSteps.names(c), checkpoint.steps(), checkpoint.level(),
            checkpoint.weightBits(), dataType)) {
      q.setCodeListener((name, codes) -> djlCodes.put(name, codes.toIntArray()));
      try (NDManager m = StepScope.open(root, p, q, List.of())) {
        NDArray x = dataType == DataType.FLOAT32
            ? m.create(toFloats(batch), new Shape(images.size(), c.inChans(), c.imgSize(), c.imgSize()))
            : m.create(batch, new Shape(images.size(), c.inChans(), c.imgSize(), c.imgSize()));
        djlLogits = Autograd.inference(() -> NdValues.toDoubles(VitGraph.forward(p, x, q)));
      }
    }
    Map<String, Long> differing = new LinkedHashMap<>();
    for (String name : QuantizerSteps.names(c)) {
      differing.put(name, 0L);
    }
    int classes = c.numClasses();
    int same = 0;
    long codes = 0;
    double maxDiff = 0;
    double maxMagnitude = 0;
    for (int b = 0; b < images.size(); b++) {
      double[] img = new double[volume];
      System.arraycopy(batch, b * volume, img, 0, volume);
      QannResult r = reference.forward(img);
      int best = 0;
      for (int k = 0; k < classes; k++) {
        double d = djlLogits[b * classes + k];
        maxDiff = Math.max(maxDiff, Math.abs(d - r.logits()[k]));
        maxMagnitude = Math.max(maxMagnitude, Math.abs(r.logits()[k]));
        if (d > djlLogits[b * classes + best]) {
          best = k;
        }
      }
      if (best == r.predictedClass()) {
        same++;
      }
      for (Map.Entry<String, int[]> e : r.codes().entrySet()) {
        int[] ours = e.getValue();
        int[] theirs = djlCodes.get(e.getKey());
        int per = theirs.length / images.size();
        if (per != ours.length) {
          throw new IllegalStateException("bug: quantizer " + e.getKey() + " has " + per + " codes per image in DJL, "
              + ours.length + " in the core");
        }
        long diff = 0;
        for (int i = 0; i < per; i++) {
          if (theirs[b * per + i] != ours[i]) {
            diff++;
          }
        }
        codes += per;
        differing.merge(e.getKey(), diff, Long::sum);
      }
    }
    long total = differing.values().stream().mapToLong(Long::longValue).sum();
    return new AgreementReport(images.size(), same, maxDiff, maxMagnitude, codes, total, differing);
  }

  private static float[] toFloats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }
}
