package org.spikezip.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.model.RandomVits;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;
import org.spikezip.model.WeightNaming;
import org.spikezip.quant.QannCheckpoint;
import org.spikezip.quant.QuantizerSteps;
import org.spikezip.quant.StepCalibrator;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * A tiny random QANN written as the user would bring it: a config JSON, a checkpoint in the original
 * release's naming with every step and the level in its metadata, and an input file of B images.
 */
record TinyQann(Path config, Path checkpoint, Path input) {
  static final VitConfig CONFIG = RandomVits.config(8, 4, 8, 2, 2, 2.0, 3);
  static final int LEVEL = 16;
  static final int BATCH = 3;

  static TinyQann write(Path dir) throws IOException {
    VitWeights w = RandomVits.weights(CONFIG, 11);
    QuantizerSteps steps = StepCalibrator.calibrate(w, LEVEL, RandomVits.images(CONFIG, 2, 12));
    Path checkpoint = dir.resolve("qann.safetensors");
    QannCheckpoint.write(checkpoint, w, steps, LEVEL, WeightNaming.ORIGINAL_QANN);
    Path config = Files.writeString(dir.resolve("config.json"), CONFIG.toJson());
    return new TinyQann(config, checkpoint, input(dir, "input.safetensors", images(BATCH),
        BATCH, CONFIG.inChans(), CONFIG.imgSize(), CONFIG.imgSize()));
  }

  /** {@code count} random images, flattened one after another. */
  static double[] images(int count) {
    List<double[]> images = RandomVits.images(CONFIG, count, 13);
    int size = images.get(0).length;
    double[] all = new double[count * size];
    for (int i = 0; i < count; i++) {
      System.arraycopy(images.get(i), 0, all, i * size, size);
    }
    return all;
  }

  /** Writes tensor {@code input} of shape {@code dims} holding {@code values}. */
  static Path input(Path dir, String name, double[] values, int... dims) throws IOException {
    Path file = dir.resolve(name);
    SafetensorsWriter.write(file, Map.of("input", Tensor.wrap(Shape.of(dims), values)));
    return file;
  }
}
