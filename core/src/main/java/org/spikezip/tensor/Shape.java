package org.spikezip.tensor;

import java.util.Arrays;

/**
 * The dimensions of a dense row-major tensor, outermost first. A scalar has no dimensions.
 *
 * <p>Immutable; element counts above {@link Integer#MAX_VALUE} are refused because our tensors
 * are backed by Java arrays.
 */
public final class Shape {
  private final int[] dims;
  private final int size;

  private Shape(int[] dims) {
    long n = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        throw new IllegalArgumentException(
            "dimension " + i + " must be non-negative, got " + dims[i] + " in " + Arrays.toString(dims));
      }
      n *= dims[i];
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(dims) + " has more than " + Integer.MAX_VALUE + " elements");
      }
    }
    this.dims = dims;
    this.size = (int) n;
  }

  public static Shape of(int... dims) {
    return new Shape(dims.clone());
  }

  /** Like {@link #of} for dimensions read from files, which may be longs. */
  public static Shape ofLongs(long... dims) {
    int[] d = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("dimension " + i + " out of range: " + dims[i]);
      }
      d[i] = (int) dims[i];
    }
    return new Shape(d);
  }

  public int rank() {
    return dims.length;
  }

  public int dim(int axis) {
    return dims[axis];
  }

  public int[] dims() {
    return dims.clone();
  }

  /** Number of elements (1 for a scalar). */
  public int size() {
    return size;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
