package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Converts between Java doubles and float32/float64 arrays. */
final class NdValues {
  private NdValues() {}

  /** The values of a float32 or float64 array as doubles (float32 values widen exactly). */
  static double[] toDoubles(NDArray a) {
    if (a.getDataType() == DataType.FLOAT64) {
      return a.toDoubleArray();
    }
    if (a.getDataType() != DataType.FLOAT32) {
      throw new IllegalArgumentException("expected a float32 or float64 array, got " + a.getDataType());
    }
    float[] f = a.toFloatArray();
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /** {@code values} rounded to float32. */
  static float[] toFloats(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  /** The single value of a one-element float array. */
  static double scalar(NDArray a) {
    if (a.size() != 1) {
      throw new IllegalArgumentException("expected one element, got shape " + a.getShape());
    }
    return toDoubles(a)[0];
  }
}
