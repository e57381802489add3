package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Map;

/** A model's learnable arrays by checkpoint name, all of one float type, owned by one manager. */
interface ParameterSet extends AutoCloseable {
  /** Every parameter by name, in checkpoint order. */
  Map<String, NDArray> all();

  DataType dataType();

  /** Makes every parameter a leaf that collects gradients. */
  default void requireGradients() {
    for (NDArray a : all().values()) {
      a.setRequiresGradient(true);
    }
  }

  @Override
  void close();
}
