package org.spikezip.io;

import java.util.Arrays;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * Reads a tensor that must be present, have an exact shape and hold only finite values, failing
 * with a one-line {@link MalformedWeightsException} that names the source, the tensor, and what was
 * expected versus found.
 */
public final class CheckedTensors {
  private CheckedTensors() {}

  /**
   * Reads {@code name} from {@code store}.
   *
   * @param expectedFor what the shape is expected for, for the message (e.g. "a ViT with embed_dim 384")
   * @param dims the required shape; none for a scalar
   */
  public static Tensor read(TensorStore store, String name, String expectedFor, int... dims)
      throws MalformedWeightsException {
    if (!store.contains(name)) {
      throw new MalformedWeightsException(NearNames.missingMessage(store.source(), name, store.names()));
    }
    Shape found = store.shape(name);
    if (!found.equals(Shape.of(dims))) {
      throw new MalformedWeightsException(store.source() + ": tensor '" + name + "' has shape " + found
          + ", expected " + Arrays.toString(dims) + " for " + expectedFor);
    }
    Tensor t = store.tensor(name);
    double[] data = t.data();
    for (int i = 0; i < data.length; i++) {
      if (!Double.isFinite(data[i])) {
        throw new MalformedWeightsException(store.source() + ": tensor '" + name + "' holds a non-finite value ("
            + data[i] + ") at element " + i);
      }
    }
    return t;
  }
}
