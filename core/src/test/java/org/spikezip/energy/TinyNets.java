package org.spikezip.energy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.convert.Converter;
import org.spikezip.convert.SpikingVit;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.model.RandomVits;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;
import org.spikezip.quant.PatchProjection;
import org.spikezip.quant.QuantSite;
import org.spikezip.quant.QuantizedVit;
import org.spikezip.quant.QuantizerSteps;
import org.spikezip.quant.StepCalibrator;
import org.spikezip.quant.WeightPrecision;

/** Small random ViTs, reproducible from a seed, as QANN and SNN, with the images they run on. */
record TinyNets(VitConfig config, VitWeights weights, QuantizedVit qann, SpikingVit snn, List<double[]> images) {
  static final int LEVEL = 16;
  /** The step of every quantizer after the patch embedding in {@link #onlyPatchFires}. */
  static final double HUGE_STEP = 1e12;

  /** A ViT of the given depth with steps calibrated on its own images. */
  static TinyNets calibrated(int depth, long seed) {
    VitConfig c = config(depth);
    VitWeights w = RandomVits.weights(c, seed);
    List<double[]> images = RandomVits.images(c, 3, seed + 1);
    return build(c, w, StepCalibrator.calibrate(w, LEVEL, images), images);
  }

  /**
   * A ViT in which only the patch neurons fire, and only at step 1: the patch step is
   * {@code max|conv + bias| / 1.25}, so every patch code is -1, 0 or +1 (and some are not 0), and every
   * later step is {@value #HUGE_STEP}, so every later code is 0.
   */
  static TinyNets onlyPatchFires(int depth, long seed) {
    VitConfig c = config(depth);
    VitWeights w = RandomVits.weights(c, seed);
    List<double[]> images = RandomVits.images(c, 2, seed + 1);
    double largest = 0;
    for (double[] x : patchInputs(c, w, images)) {
      for (double v : x) {
        largest = Math.max(largest, Math.abs(v));
      }
    }
    Map<String, Double> steps = new LinkedHashMap<>();
    for (String name : QuantizerSteps.names(c)) {
      steps.put(name, HUGE_STEP);
    }
    steps.put(QuantSite.PATCH_EMBED, largest / 1.25);
    return build(c, w, new QuantizerSteps(steps), images);
  }

  /** The patch layer's analog input {@code conv(image) + bias}, {@code [patches, dim]}, per image. */
  List<double[]> patchInputs() {
    return patchInputs(config, weights, images);
  }

  private static List<double[]> patchInputs(VitConfig c, VitWeights w, List<double[]> images) {
    PatchProjection p = new PatchProjection(c, w.patchEmbed());
    return images.stream().map(image -> {
      double[] x = p.project(image);
      for (int i = 0; i < x.length; i++) {
        x[i] += p.bias(i % c.embedDim());
      }
      return x;
    }).toList();
  }

  /** img 8, patch 4 (4 patches, 5 tokens), dim 6, 2 heads, MLP 12, 3 classes. */
  static VitConfig config(int depth) {
    return RandomVits.config(8, 4, 6, depth, 2, 2.0, 3);
  }

  private static TinyNets build(VitConfig c, VitWeights w, QuantizerSteps steps, List<double[]> images) {
    try {
      QuantizedVit qann = QuantizedVit.build(w, steps, LEVEL, WeightPrecision.grid());
      return new TinyNets(c, w, qann, Converter.convert(qann).network(), images);
    } catch (UnsupportedModelException e) {
      throw new AssertionError(e);
    }
  }
}
