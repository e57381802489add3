package org.spikezip.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.model.VitConfig;
import org.spikezip.tensor.Shape;

/**
 * The images of a {@code simulate} input file: tensor {@value #TENSOR} of shape
 * {@code [B, inChans, imgSize, imgSize]}, any numeric dtype, every element finite.
 */
final class SimulationInput {
  static final String TENSOR = "input";

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
