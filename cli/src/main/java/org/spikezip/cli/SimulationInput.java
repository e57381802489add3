package org.spikezip.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.NearNames;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.model.VitConfig;
import org.spikezip.tensor.Shape;

/**
 * The images of a {@code simulate} or {@code report} input file: tensor {@value #TENSOR} of shape
 * {@code [B, inChans, imgSize, imgSize]}, any numeric dtype, every element finite; optionally the
 * classes of the B images in an integer tensor of shape {@code [B]} ({@value #LABELS} by default).
 */
final class SimulationInput {
  static final String TENSOR = "input";
  static final String LABELS = "labels";

  private SimulationInput() {}

  /** The B images, each {@code [inChans, imgSize, imgSize]}. */
  static List<double[]> read(Path file, VitConfig c) throws SpikezipException {
    try (SafetensorsReader store = SafetensorsReader.open(file)) {
      Shape shape = store.shape(TENSOR);
      int[] image = {c.inChans(), c.imgSize(), c.imgSize()};
      if (shape.rank() != 4 || !Arrays.equals(Arrays.copyOfRange(shape.dims(), 1, 4), image)) {
        throw new InvalidInputException(file + ": tensor '" + TENSOR + "' has shape " + shape + ", expected [B, "
            + image[0] + ", " + image[1] + ", " + image[2] + "] for this model (in_chans " + c.inChans()
            + ", img_size " + c.imgSize() + ")");
      }
      if (shape.dim(0) == 0) {
        throw new InvalidInputException(file + ": tensor '" + TENSOR + "' holds no samples (shape " + shape + ")");
      }
      double[] data = store.tensor(TENSOR).data();
      for (int i = 0; i < data.length; i++) {
        if (!Double.isFinite(data[i])) {
          throw new InvalidInputException(file + ": tensor '" + TENSOR + "' element " + index(shape, i) + " is "
              + data[i] + "; inputs must be finite");
        }
      }
      int size = shape.size() / shape.dim(0);
      List<double[]> images = new ArrayList<>();
      for (int b = 0; b < shape.dim(0); b++) {
        images.add(Arrays.copyOfRange(data, b * size, (b + 1) * size));
      }
      return images;
    }
  }

  /**
   * The labels of the {@code batch} images: tensor {@code name} if given (it must exist), else tensor
   * {@value #LABELS} if the file holds one, else none. Each label is a whole number in
   * {@code [0, classes)}.
   */
  static Optional<int[]> labels(Path file, Optional<String> name, int batch, int classes) throws SpikezipException {
    try (SafetensorsReader store = SafetensorsReader.open(file)) {
      if (name.isEmpty() && !store.contains(LABELS)) {
        return Optional.empty();
      }
      String tensor = name.orElse(LABELS);
      if (!store.contains(tensor)) {
        throw new InvalidInputException(NearNames.missingMessage(file.toString(), tensor, store.names())
            + " (--labels names the tensor of labels)");
      }
      Shape shape = store.shape(tensor);
      if (shape.rank() != 1 || shape.dim(0) != batch) {
        throw new InvalidInputException(file + ": tensor '" + tensor + "' has shape " + shape + ", expected ["
            + batch + "] (one label per image of '" + TENSOR + "')");
      }
      double[] values = store.tensor(tensor).data();
      int[] labels = new int[batch];
      for (int i = 0; i < batch; i++) {
        double v = values[i];
        if (v != Math.rint(v) || v < 0 || v >= classes) {
          throw new InvalidInputException(file + ": tensor '" + tensor + "' element [" + i + "] is " + v
              + "; labels must be whole numbers in [0, " + classes + ") for this model (num_classes " + classes + ")");
        }
        labels[i] = (int) v;
      }
      return Optional.of(labels);
    }
  }

  /** The multi-index of flat element {@code flat}, as {@code [b, c, y, x]}. */
  private static String index(Shape shape, int flat) {
    int[] idx = new int[shape.rank()];
    int rest = flat;
    for (int axis = shape.rank() - 1; axis >= 0; axis--) {
      idx[axis] = rest % shape.dim(axis);
      rest /= shape.dim(axis);
    }
    return Arrays.toString(idx);
  }
}
