package org.spikezip.tensor;

import java.util.Arrays;

/**
 * A dense row-major tensor: a {@link Shape}, its values as doubles, and the element type it was
 * read as or should be written as.
 *
 * <p>Every dtype we read converts to double without loss (integers are limited to |v| &le; 2^53),
 * so one representation serves weights, codes and logits. The array is owned by the tensor: callers
 * get a copy from {@link #toArray()} or read through {@link #get(int)} and the bulk views the
 * numerical code needs via {@link #data()} (which must not be modified).
 */
public final class Tensor {
  private final Shape shape;
  private final double[] data;
  private final DType dtype;

  private Tensor(Shape shape, double[] data, DType dtype) {
    if (shape.size() != data.length) {
      throw new IllegalArgumentException(
          "tensor of shape " + shape + " needs " + shape.size() + " values, got " + data.length);
    }
    this.shape = shape;
    this.data = data;
    this.dtype = dtype;
  }

  /** Wraps {@code data} (no copy: the caller hands it over) as an F64 tensor. */
  public static Tensor wrap(Shape shape, double[] data) {
    return new Tensor(shape, data, DType.F64);
  }

  /** Wraps {@code data} (no copy) and records the dtype it stands for. */
  public static Tensor wrap(Shape shape, double[] data, DType dtype) {
    return new Tensor(shape, data, dtype);
  }

  public static Tensor ofInts(Shape shape, int[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = values[i];
    }
    return new Tensor(shape, d, DType.I32);
  }

  public static Tensor scalar(double value) {
    return new Tensor(Shape.of(), new double[] {value}, DType.F64);
  }

  public Shape shape() {
    return shape;
  }

  public DType dtype() {
    return dtype;
  }

  public int size() {
    return data.length;
  }

  public double get(int flatIndex) {
    return data[flatIndex];
  }

  /** The backing array, for read-only bulk access by numerical code. Do not modify. */
  public double[] data() {
    return data;
  }

  public double[] toArray() {
    return data.clone();
  }

  /** The values as ints; fails if any is not an integer in int range. */
  public int[] toIntArray() {
    int[] out = new int[data.length];
    for (int i = 0; i < data.length; i++) {
      double v = data[i];
      if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new IllegalStateException("element " + i + " is not an int: " + v);
      }
      out[i] = (int) v;
    }
    return out;
  }

  /** The same values under another dtype label (used when writing). */
  public Tensor withDType(DType newType) {
    return new Tensor(shape, data, newType);
  }

  /** The same values viewed with another shape of equal size. */
  public Tensor reshape(Shape newShape) {
    return new Tensor(newShape, data, dtype);
  }

  @Override
  public String toString() {
    return "Tensor" + shape + " " + dtype
        + (data.length <= 8 ? " " + Arrays.toString(data) : "");
  }
}
